"""The X11 side of benchmarks/competitors.py: finding a reader's window, the _NET_WM_PING
freeze probe, and idle, CPU and memory sampling from /proc."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PING_INTERVAL_S = 0.02
STALL_MS = 250.0


# -- watching a process from outside -------------------------------------------------------

def proc_status(pid: int) -> dict[str, int]:
    """VmRSS/VmHWM (kB) of a live process; {} once it is gone."""
    out: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0])
    except (FileNotFoundError, ProcessLookupError):
        return {}
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its finished children, in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    ticks = sum(int(fields[i]) for i in (11, 12))  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    """Every live process below pid (RSS Guard's QtWebEngine helpers)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def settled_memory(pid: int, *, limit_s: float = 20.0) -> dict[str, float]:
    """Resident memory once the process is idle: samples every 0.5 s until three in a row
    are within 1 MB of each other and it used under 5% of a CPU between the first and the
    last of them (bounded by limit_s: a reader still busy is reported as it is then, with
    settled=False)."""
    samples: list[tuple[int, float, float]] = []
    start = time.monotonic()
    settled = False
    while time.monotonic() - start < limit_s:
        rss = proc_status(pid).get("VmRSS")
        if rss is None:
            break
        samples.append((rss, time.monotonic(), cpu_seconds(pid)))
        if len(samples) >= 3:
            last = samples[-3:]
            sizes = [x[0] for x in last]
            cpu_share = (last[-1][2] - last[0][2]) / (last[-1][1] - last[0][1])
            if max(sizes) - min(sizes) <= 1024 and cpu_share < 0.05:
                settled = True
                break
        time.sleep(0.5)
    status = proc_status(pid)
    helpers = sum(proc_status(c).get("VmRSS", 0) for c in descendants(pid))
    return {"rss_mb": status.get("VmRSS", 0) / 1024, "hwm_mb": status.get("VmHWM", 0) / 1024,
            "helpers_rss_mb": helpers / 1024, "settled": settled,
            "settle_s": time.monotonic() - start}


class XProbe:
    """An X connection of our own: finds a process's top-level window and pings it."""

    def __init__(self) -> None:
        from Xlib import X, display

        self.X = X
        self.display = display.Display()
        self.root = self.display.screen().root
        # Qt sends the ping reply to the root window with StructureNotify|SubstructureRedirect
        # (other toolkits use SubstructureNotify); selecting the two Notify masks receives it
        # without taking the window manager's Redirect role, so windows still map by themselves.
        self.root.change_attributes(event_mask=X.SubstructureNotifyMask | X.StructureNotifyMask)
        self.atom_pid = self.display.intern_atom("_NET_WM_PID")
        self.atom_protocols = self.display.intern_atom("WM_PROTOCOLS")
        self.atom_ping = self.display.intern_atom("_NET_WM_PING")
        self.serial = 0

    def close(self) -> None:
        self.display.close()

    def visible_windows(self, pid: int) -> list[tuple[int, int, object]]:
        """(area, id, window) of pid's mapped top-level windows of at least 200x200."""
        from Xlib.error import XError

        found = []
        for win in self.root.query_tree().children:
            try:
                prop = win.get_full_property(self.atom_pid, self.X.AnyPropertyType)
                if not prop or int(prop.value[0]) != pid:
                    continue
                if win.get_attributes().map_state != self.X.IsViewable:
                    continue
                geo = win.get_geometry()
            except XError:
                continue
            if geo.width >= 200 and geo.height >= 200:
                found.append((geo.width * geo.height, win.id, win))
        return sorted(found, key=lambda t: -t[0])

    def wait_window(self, proc: subprocess.Popen, started: float,
                    timeout: float = 60.0) -> tuple[float, object] | None:
        """Seconds from ``started`` to the first visible window, polling every 5 ms."""
        while time.perf_counter() - started < timeout:
            if proc.poll() is not None:
                return None
            found = self.visible_windows(proc.pid)
            if found:
                return time.perf_counter() - started, found[0][2]
            time.sleep(0.005)
        return None

    def describe(self, window: object) -> str:
        """The window's title and size, to say in the results what was timed."""
        from Xlib.error import XError

        try:
            name = window.get_full_property(self.display.intern_atom("_NET_WM_NAME"), 0)
            title = name.value.decode("utf-8", "replace") if name else window.get_wm_name()
            geo = window.get_geometry()
            return f"{title} ({geo.width}x{geo.height})"
        except XError:
            return "?"

    def ping(self, window: object, timeout: float) -> float | None:
        """Round trip (ms) of one _NET_WM_PING, or None when unanswered within timeout."""
        from Xlib import X
        from Xlib.protocol import event

        self.serial += 1
        serial = self.serial
        message = event.ClientMessage(window=window, client_type=self.atom_protocols,
                                      data=(32, [self.atom_ping, serial, window.id, 0, 0]))
        t0 = time.perf_counter()
        window.send_event(message, event_mask=X.NoEventMask)
        self.display.flush()
        import select

        while True:
            while self.display.pending_events():
                ev = self.display.next_event()
                if (ev.type == X.ClientMessage and ev.window.id == self.root.id
                        and ev.data[1][0] == self.atom_ping and ev.data[1][1] == serial):
                    return (time.perf_counter() - t0) * 1000
            left = timeout - (time.perf_counter() - t0)
            if left <= 0:
                return None
            select.select([self.display.fileno()], [], [], min(left, 0.05))
            self.display.pending_events()  # reads what arrived


@dataclass
class PingLog:
    """Round trips of pings sent every PING_INTERVAL_S while something ran."""

    rtts: list[float] = field(default_factory=list)
    unanswered: int = 0
    wall_s: float = 0.0
    completed: bool = False  # done() came true before the time limit

    def summary(self) -> dict[str, float]:
        values = sorted(self.rtts) or [float("nan")]
        p99 = values[min(len(values) - 1, int(0.99 * len(values)))]
        stalled = sum(v for v in self.rtts if v > STALL_MS) / 1000
        return {"pings": len(self.rtts), "worst_ms": values[-1], "p99_ms": p99,
                "median_ms": statistics.median(values), "stalled_s": stalled,
                "over_100ms": sum(1 for v in self.rtts if v > 100), "unanswered":
                self.unanswered, "wall_s": self.wall_s, "completed": self.completed}


def ping_until(probe: XProbe, window: object, done: Callable[[], bool],
               limit_s: float) -> PingLog:
    """Ping the window every PING_INTERVAL_S until done() or limit_s."""
    log = PingLog()
    start = time.perf_counter()
    while time.perf_counter() - start < limit_s:
        if done():
            log.completed = True
            break
        rtt = probe.ping(window, timeout=max(1.0, limit_s - (time.perf_counter() - start)))
        if rtt is None:
            log.unanswered += 1
            break
        log.rtts.append(rtt)
        time.sleep(max(0.0, PING_INTERVAL_S - rtt / 1000))
    log.wall_s = time.perf_counter() - start
    return log


class IdleWatch:
    """Called often (between pings): true once ``ready()`` holds and the process has used
    under 5% of a CPU for the last 2 s. ``busy_until`` is the last moment (time.monotonic)
    at which a quarter second showed it working."""

    def __init__(self, pid: int, ready: Callable[[], bool]) -> None:
        self.pid = pid
        self.ready = ready
        self.samples: list[tuple[float, float]] = []
        self.started = time.monotonic()
        self.busy_until = self.started

    def __call__(self) -> bool:
        now, cpu = time.monotonic(), cpu_seconds(self.pid)
        self.samples.append((now, cpu))
        while len(self.samples) > 2 and now - self.samples[1][0] >= 0.25:
            self.samples.pop(0)
        t0, c0 = self.samples[0]
        if now - t0 >= 0.25 and (cpu - c0) / (now - t0) >= 0.05:
            self.busy_until = now
        if not self.ready():
            self.busy_until = now
            return False
        return now - self.busy_until >= 2.0



def screenshot(path: Path) -> None:
    """The whole screen as PNG (ImageMagick's import), when it is installed."""
    if shutil.which("import"):
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["import", "-window", "root", str(path)], capture_output=True,
                       timeout=60)
