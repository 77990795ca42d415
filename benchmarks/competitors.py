"""Our window beside QuiteRSS and RSS Guard (issue 6): start time, memory, freezes while fetching.

    xvfb-run -a -s "-screen 0 1400x900x24" env PYTHONPATH=src .venv/bin/python \\
        benchmarks/competitors.py [--items 20000] [--runs 5] [--library PATH] [--no-write]

Every reader gets the same generated Chinese news (benchmarks/library.py's Generator, one seed):
``--items`` articles spread over 20 feeds served as RSS 2.0 (full text in <description>) from a
loopback HTTP server in this process (127.0.0.1, port 0). QuiteRSS and RSS Guard fetch those
feeds themselves into their own databases, with their own code, so what they hold afterwards is
what a user of theirs would hold; our library is built with the same articles through
``Library.save_articles`` (or copied from ``--library``) and given the same 20 feeds.

Each reader runs with HOME and the XDG_* folders pointed at a fresh temp dir, so no real
configuration is read or touched. Measured from outside the process, the same way for all:

* start: from ``Popen`` to the first visible top-level window of that process (polled with
  python-xlib: mapped, viewable, at least 200x200 pixels), with the library loaded; one
  unmeasured run first to warm the disk cache, then the median of ``--runs``;
* memory: VmRSS and VmHWM from /proc/PID/status once the window is up and the process is
  idle (sampled every 0.5 s until three samples in a row are within 1 MB and it used under 5%
  of a CPU over them, at most 20 s); RSS Guard's QtWebEngine helper processes apart;
* open: one click (xdotool) on each reader's Unread view, which lists the whole library;
  busy time, stalls and memory after;
* fetch: while the reader fetches ``--fresh`` new articles (from the same 20 feeds) into its
  library of ``--items``, the window is sent a ``_NET_WM_PING`` client message every 20 ms
  (what a window manager sends to tell a hung window); the reply is sent by the reader's GUI
  thread from its event loop, so the round trip is how long that thread was busy. Worst and p99
  round trip are reported, and the time spent in round trips over 250 ms.

Needs python-xlib (pip) and xdotool, x11-utils, quiterss, rssguard (apt). A reader that is not
installed is skipped with a message; without xdotool the readers are stopped with SIGTERM and
the open step is skipped. Writes benchmarks/results/competitors.md (``--report`` keeps the
JSON; ``--from-report`` rewrites the page from it).
"""

from __future__ import annotations

import argparse
import configparser
import html
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

RESULTS = REPO / "benchmarks" / "results" / "competitors.md"
FEEDS = 20
START_DAY = datetime(2022, 1, 1, tzinfo=UTC)
PING_INTERVAL_S = 0.02
STALL_MS = 250.0


# -- content -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    """One generated article as a feed carries it."""

    number: int
    title: str
    paragraphs: tuple[str, ...]
    image: str | None
    published: datetime
    author: str
    publisher: str


def generate_items(first: int, count: int, seed: int = 7) -> Iterator[tuple[Item, object]]:
    """Items numbered first..first+count-1 with the Article they came from (same seed, same
    text). Numbers past ``first`` are reached by generating and dropping the earlier ones, so
    item n is the same whichever range it is asked in."""
    from library import Generator  # benchmarks/library.py

    gen = Generator(seed)
    for n in range(first + count):
        when = START_DAY + timedelta(minutes=n * 15)
        article, _raw = gen.article(n, when=when)
        if n < first:
            continue
        paragraphs = tuple(b.text for b in article.blocks if b.text)
        image = next((b.src for b in article.blocks if b.src), None)
        yield Item(n, article.title or f"新闻{n}", paragraphs, image, when,
                   article.authors[0] if article.authors else "", article.publisher or ""), article


def feed_of(number: int) -> int:
    return number % FEEDS


def item_link(base: str, number: int) -> str:
    return f"{base}/a/{number}.html"


def item_html(item: Item) -> str:
    """The article body as feed HTML: paragraphs, then the image in its own block."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in item.paragraphs)
    if item.image:
        body += f'<p><img src="{html.escape(item.image)}" alt=""/></p>'
    return body


def rss_document(base: str, feed: int, items: Iterable[Item]) -> bytes:
    """An RSS 2.0 feed, newest first, full text in <description> (as many CMSs publish)."""
    entries = []
    for it in sorted(items, key=lambda x: x.published, reverse=True):
        link = item_link(base, it.number)
        entries.append(
            f"<item><title>{html.escape(it.title)}</title><link>{link}</link>"
            f'<guid isPermaLink="true">{link}</guid>'
            f"<pubDate>{format_datetime(it.published, usegmt=True)}</pubDate>"
            f"<author>{html.escape(it.author)}</author>"
            f"<description>{html.escape(item_html(it))}</description></item>")
    head = (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>淮北新闻 {feed + 1}</title><link>{base}/</link>"
            f"<description>generated Chinese local news, feed {feed + 1}</description>"
            f"<language>zh-cn</language>")
    return (head + "".join(entries) + "</channel></rss>\n").encode("utf-8")


def article_page(item: Item) -> bytes:
    """The article's own page, for our reader (it reads pages, not feed bodies)."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in item.paragraphs)
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(item.title)}"
            f"</title><meta property='article:published_time' "
            f"content='{item.published.isoformat()}'></head><body>"
            f"<div class='nav'><a href='/'>首页</a></div><div class='article'>"
            f"<h1>{html.escape(item.title)}</h1><div class='info'>来源：{item.publisher} "
            f"作者：{html.escape(item.author)} {item.published:%Y-%m-%d %H:%M}</div>"
            f"{body}</div><div class='footer'>版权所有 淮北日报社</div></body></html>")
    return page.encode("utf-8")


# -- the loopback server -------------------------------------------------------------------

class FeedServer:
    """Serves whatever is in ``routes`` (path -> bytes, content type) on 127.0.0.1:0."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, str]] = {}
        self.served: dict[str, int] = {}
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = self.path.split("?", 1)[0]
                route = outer.routes.get(path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                data, ctype = route
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                with outer.lock:
                    outer.served[path] = outer.served.get(path, 0) + 1

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def feed_url(self, feed: int) -> str:
        return f"{self.base}/feed/{feed + 1}.xml"

    def publish(self, feeds: dict[int, list[Item]], pages: Iterable[Item] = ()) -> None:
        """Replace every feed's document (and add article pages)."""
        for feed in range(FEEDS):
            self.routes[f"/feed/{feed + 1}.xml"] = (
                rss_document(self.base, feed, feeds.get(feed, [])),
                "application/rss+xml; charset=utf-8")
        for it in pages:
            self.routes[f"/a/{it.number}.html"] = (article_page(it), "text/html; charset=utf-8")
        with self.lock:
            self.served.clear()

    def count_served(self, prefix: str) -> int:
        with self.lock:
            return sum(n for p, n in self.served.items() if p.startswith(prefix))

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


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


# -- the readers ---------------------------------------------------------------------------

def fresh_env(home: Path) -> dict[str, str]:
    """An environment whose HOME and XDG folders all sit in home (nothing real is touched)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "QT_", "HUAIBEI_READER"))}
    runtime = home / "run"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CACHE_HOME=str(home / ".cache"), XDG_STATE_HOME=str(home / ".local/state"),
               XDG_RUNTIME_DIR=str(runtime), LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return env


def read_ini(path: Path) -> configparser.RawConfigParser:
    ini = configparser.RawConfigParser(strict=False)
    ini.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    if path.exists():
        ini.read(path, encoding="utf-8")
    return ini


def write_ini(path: Path, values: dict[str, dict[str, str]]) -> None:
    """Set keys in a Qt INI file, keeping the rest as it is."""
    ini = read_ini(path)
    for section, keys in values.items():
        if not ini.has_section(section):
            ini.add_section(section)
        for key, value in keys.items():
            ini.set(section, key, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        ini.write(fh, space_around_delimiters=False)


def count_rows(db: Path, sql: str) -> int | None:
    if not db.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
        try:
            return int(conn.execute(sql).fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


class Reader:
    """One program under test, living in its own temp HOME."""

    name = ""
    binary = ""
    # Where its "Unread" view (every article of the library, unread) sits on the 1400x900
    # screen with its fresh configuration's default layout, found on screenshots; clicked by
    # the "open" measurement. None: not measured.
    unread_view: tuple[int, int] | None = None
    fetches_pages = False  # ours reads each article's page; the feed readers keep feed bodies

    def __init__(self, home: Path) -> None:
        self.home = home
        self.running: list[subprocess.Popen] = []

    def available(self) -> bool:
        return shutil.which(self.binary) is not None

    def version(self) -> str:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", self.binary],
                             capture_output=True, text=True)
        return out.stdout.strip() or "?"

    def command(self) -> list[str]:
        return [self.binary]

    def env(self) -> dict[str, str]:
        return fresh_env(self.home)

    def setup(self, feed_urls: list[str], probe: XProbe) -> None:
        """Create the reader's own files (one run), then subscribe it to the feeds."""

    def fetch_on_start(self, on: bool) -> None:
        raise NotImplementedError

    def item_count(self) -> int | None:
        raise NotImplementedError

    # helpers -------------------------------------------------------------------------------

    def launch(self) -> tuple[subprocess.Popen, float]:
        log = (self.home / "stderr.log").open("ab")
        started = time.perf_counter()
        proc = subprocess.Popen(self.command(), env=self.env(), stdout=log, stderr=log,
                                stdin=subprocess.DEVNULL, cwd=self.home)
        log.close()
        self.running.append(proc)
        return proc, started

    def kill_leftovers(self) -> None:
        """After a failure: end any process of ours still running (by its own id)."""
        for proc in self.running:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        self.running.clear()

    def stop(self, proc: subprocess.Popen, window: object | None) -> str:
        """Quit as a user does (Ctrl+Q on the focused window), else SIGTERM, else SIGKILL."""
        if proc.poll() is not None:
            return "already gone"
        if window is not None and shutil.which("xdotool"):
            subprocess.run(["xdotool", "windowfocus", "--sync", str(window.id), "key",
                            "--clearmodifiers", "ctrl+q"], env=dict(os.environ),
                           capture_output=True, timeout=20)
            try:
                proc.wait(timeout=30)
                return "ctrl+q"
            except subprocess.TimeoutExpired:
                pass
        proc.terminate()
        try:
            proc.wait(timeout=15)
            return "sigterm"
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            return "sigkill"

    def first_run(self, probe: XProbe) -> None:
        """Run once so the reader creates its config and database, then quit."""
        proc, started = self.launch()
        shown = probe.wait_window(proc, started)
        self.stop(proc, shown[1] if shown else None)
        if shown is None:
            raise RuntimeError(f"{self.name} showed no window on its first run")


class QuiteRSS(Reader):
    name = "QuiteRSS"
    binary = "quiterss"
    unread_view = (76, 417)  # "Unread" under Categories

    @property
    def ini(self) -> Path:
        return self.home / ".config" / "QuiteRss" / "QuiteRss.ini"

    @property
    def db(self) -> Path:
        return self.home / ".local" / "share" / "QuiteRss" / "QuiteRss" / "feeds.db"

    def setup(self, feed_urls: list[str], probe: XProbe) -> None:
        self.first_run(probe)
        write_ini(self.ini, {"Settings": {
            "showSplashScreen": "false", "updateCheckEnabled": "false",
            "autoUpdatefeeds": "false", "autoUpdatefeedsStartUp": "false"}})
        conn = sqlite3.connect(self.db)
        with conn:
            for row, url in enumerate(feed_urls):
                conn.execute(
                    "INSERT INTO feeds(text, title, xmlUrl, htmlUrl, rowToParent, parentId, "
                    "hasChildren, unread, newCount, created, f_Expanded) "
                    "VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, ?, 1)",
                    (f"淮北新闻 {row + 1}", f"淮北新闻 {row + 1}", url, url.rsplit("/", 2)[0],
                     row, datetime.now(UTC).isoformat()))
        conn.close()

    def fetch_on_start(self, on: bool) -> None:
        write_ini(self.ini, {"Settings": {"autoUpdatefeedsStartUp": str(on).lower()}})

    def item_count(self) -> int | None:
        return count_rows(self.db, "SELECT count(*) FROM news")


class RSSGuard(Reader):
    name = "RSS Guard"
    binary = "rssguard"
    unread_view = (136, 614)  # "Unread articles" in the feed tree

    @property
    def ini(self) -> Path:
        return self.home / ".config" / "RSS Guard 4" / "config" / "config.ini"

    @property
    def db(self) -> Path:
        return self.home / ".config" / "RSS Guard 4" / "database" / "database.db"

    def env(self) -> dict[str, str]:
        env = super().env()
        # Its QtWebEngine (Chromium) refuses to start as root unless its sandbox is off.
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
        return env

    def setup(self, feed_urls: list[str], probe: XProbe) -> None:
        self.first_run(probe)
        write_ini(self.ini, {"main": {"first_run": "false", "update_on_start": "false"},
                             "feeds": {"feeds_update_on_startup": "false",
                                       "feeds_update_on_startup_delay": "0",
                                       "auto_update_enabled": "false"}})
        conn = sqlite3.connect(self.db)
        with conn:
            account = conn.execute("INSERT INTO Accounts(type) VALUES ('std-rss')").lastrowid
            for row, url in enumerate(feed_urls):
                custom = json.dumps({"source_type": 0, "type": 1, "encoding": "UTF-8",
                                     "post_process": "", "protected": False, "username": "",
                                     "password": ""})
                feed = conn.execute(
                    "INSERT INTO Feeds(title, description, date_created, category, source, "
                    "update_type, update_interval, account_id, custom_id, custom_data) "
                    "VALUES (?, '', ?, -1, ?, 1, 15, ?, 'new', ?)",
                    (f"淮北新闻 {row + 1}", int(time.time() * 1000), url, account,
                     custom)).lastrowid
                conn.execute("UPDATE Feeds SET custom_id = ? WHERE id = ?", (str(feed), feed))
        conn.close()

    def fetch_on_start(self, on: bool) -> None:
        write_ini(self.ini, {"feeds": {"feeds_update_on_startup": str(on).lower()}})

    def item_count(self) -> int | None:
        return count_rows(self.db, "SELECT count(*) FROM Messages")


class Ours(Reader):
    name = "Huaibei Reader"
    binary = "huaibei_reader"
    fetches_pages = True
    unread_view = (25, 124)  # 未读 in the sidebar

    def __init__(self, home: Path, items: list[Item] | None = None,
                 library: Path | None = None) -> None:
        super().__init__(home)
        self.items = items
        self.library = library

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def db(self) -> Path:
        return self.data_dir / "library.sqlite3"

    def available(self) -> bool:
        return True

    def version(self) -> str:
        from huaibei_reader import __version__

        return __version__

    def command(self) -> list[str]:
        return [sys.executable, "-m", "huaibei_reader", "--data-dir", str(self.data_dir)]

    def env(self) -> dict[str, str]:
        env = super().env()
        env["PYTHONPATH"] = str(REPO / "src")
        return env

    def setup(self, feed_urls: list[str], probe: XProbe) -> None:
        from huaibei_reader.models import Source
        from huaibei_reader.store import Library
        from huaibei_reader.store.types import ToSave

        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.library is not None:
            shutil.copy(self.library, self.db)
        with Library.open(self.db) as lib:
            sources = [lib.add_source(Source(None, f"淮北新闻 {i + 1}", url, kind="feed",
                                             feed_url=url)) for i, url in enumerate(feed_urls)]
            if self.library is None:
                batch: list[ToSave] = []
                for it, article in self.items or []:
                    batch.append(ToSave(article, sources[feed_of(it.number)].id, None,
                                        {"Content-Type": "text/html; charset=utf-8"}))
                    if len(batch) == 500:
                        lib.save_articles(batch)
                        batch = []
                if batch:
                    lib.save_articles(batch)
                lib.index_pending()
        self.fetch_on_start(False)

    def fetch_on_start(self, on: bool) -> None:
        # The keys benchmarks/ui.py's write_settings sets: no timer, no politeness pause
        # against loopback, Chinese UI; refresh on start only for the fetch measurement.
        write_ini(self.data_dir / "settings.ini", {
            "refresh": {"on_start": str(on).lower(), "interval_minutes": "0"},
            "net": {"host_delay_seconds": "0"}, "ui": {"language": "zh_CN"}})

    def item_count(self) -> int | None:
        return count_rows(self.db, "SELECT count(*) FROM articles")


# -- one reader through every measurement --------------------------------------------------

def fetch_phase(reader: Reader, server: FeedServer, probe: XProbe, *, pages: int,
                limit_s: float) -> dict:
    """Start the reader with a fetch on start; ping its window until the feeds (and for ours
    the article pages) have been served and it has gone idle; then quit it."""
    before = reader.item_count()
    reader.fetch_on_start(True)
    server.served.clear()
    proc, started = reader.launch()
    shown = probe.wait_window(proc, started)
    if shown is None:
        reader.stop(proc, None)
        return {"error": "no window"}
    start_s, window = shown

    def served_all() -> bool:
        feeds = sum(1 for p in list(server.served) if p.startswith("/feed/"))
        return feeds >= FEEDS and server.count_served("/a/") >= pages

    t0 = time.monotonic()
    watch = IdleWatch(proc.pid, served_all)
    log = ping_until(probe, window, watch, limit_s)
    busy_s = (watch.busy_until if log.completed else time.monotonic()) - t0
    memory = {"rss_mb": proc_status(proc.pid).get("VmRSS", 0) / 1024,
              "hwm_mb": proc_status(proc.pid).get("VmHWM", 0) / 1024}
    how = reader.stop(proc, window)
    reader.fetch_on_start(False)
    return {"start_s": start_s, "until_idle_s": busy_s, "finished": log.completed,
            "feeds_served": sum(1 for p in server.served if p.startswith("/feed/")),
            "pages_served": server.count_served("/a/"), "items_before": before,
            "items_after": reader.item_count(), "quit": how, **memory, **log.summary()}


def screenshot(path: Path) -> None:
    """The whole screen as PNG (ImageMagick's import), when it is installed."""
    if shutil.which("import"):
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["import", "-window", "root", str(path)], capture_output=True,
                       timeout=60)


def open_unread(reader: Reader, probe: XProbe, shots: Path | None, limit_s: float) -> dict:
    """Start the reader, wait until it is idle, click its Unread view (the whole library) and
    ping the window until the reader is idle again; memory after."""
    if reader.unread_view is None:
        return {"error": "no Unread view known"}
    if not shutil.which("xdotool"):
        return {"error": "xdotool is not installed"}
    proc, started = reader.launch()
    shown = probe.wait_window(proc, started)
    if shown is None:
        reader.stop(proc, None)
        return {"error": "no window"}
    _start_s, window = shown
    before = settled_memory(proc.pid)
    x, y = reader.unread_view
    subprocess.run(["xdotool", "mousemove", "--sync", str(x), str(y), "click", "1"],
                   capture_output=True, timeout=20)
    t0 = time.monotonic()
    watch = IdleWatch(proc.pid, lambda: True)
    log = ping_until(probe, window, watch, limit_s)
    busy_s = watch.busy_until - t0 if log.completed else None
    after = settled_memory(proc.pid)
    if shots is not None:
        screenshot(shots / f"{reader.binary}-unread.png")
    how = reader.stop(proc, window)
    return {"busy_s": busy_s, "rss_before_mb": before["rss_mb"], "rss_mb": after["rss_mb"],
            "hwm_mb": after["hwm_mb"], "helpers_rss_mb": after["helpers_rss_mb"], "quit": how,
            **log.summary()}


def start_runs(reader: Reader, probe: XProbe, runs: int, shots: Path | None = None) -> dict:
    """One unmeasured warm-up start, then ``runs`` measured ones (start, settled memory)."""
    out: dict = {"runs": [], "quit": []}
    for n in range(runs + 1):
        proc, started = reader.launch()
        shown = probe.wait_window(proc, started)
        if shown is None:
            reader.stop(proc, None)
            out["error"] = f"no window within 60 s (run {n})"
            return out
        start_s, window = shown
        memory = settled_memory(proc.pid)
        out["window"] = probe.describe(window)
        if n == 1 and shots is not None:
            screenshot(shots / f"{reader.binary}-start.png")
        out["quit"].append(reader.stop(proc, window))
        if n:
            out["runs"].append({"start_s": start_s, **memory})
    starts = [r["start_s"] for r in out["runs"]]
    out["start_median_s"] = statistics.median(starts)
    for key in ("rss_mb", "hwm_mb", "helpers_rss_mb"):
        out[key] = statistics.median(r[key] for r in out["runs"])
    return out


def measure(reader: Reader, server: FeedServer, probe: XProbe, phases: dict[str, dict],
            args: argparse.Namespace) -> dict:
    result: dict = {"name": reader.name, "version": reader.version()}
    print(f"== {reader.name} {result['version']}", file=sys.stderr, flush=True)
    server.routes = dict(phases["load"])
    reader.setup([server.feed_url(i) for i in range(FEEDS)], probe)
    if not isinstance(reader, Ours):
        # The feed readers load the library the way their users do: by fetching the feeds.
        result["load"] = fetch_phase(reader, server, probe, pages=0,
                                     limit_s=args.load_limit)
        print(f"   load: {json.dumps(result['load'])}", file=sys.stderr, flush=True)
    result["items"] = reader.item_count()
    result["start"] = start_runs(reader, probe, args.runs, args.screenshots)
    print(f"   start: {result['start'].get('start_median_s')} s, "
          f"{result['start'].get('rss_mb')} MB", file=sys.stderr, flush=True)
    result["open"] = open_unread(reader, probe, args.screenshots, args.limit)
    print(f"   open: {json.dumps(result['open'])}", file=sys.stderr, flush=True)
    server.routes = dict(phases["fetch"])
    result["fetch"] = fetch_phase(reader, server, probe,
                                  pages=args.fresh if reader.fetches_pages else 0,
                                  limit_s=args.limit)
    print(f"   fetch: {json.dumps(result['fetch'])}", file=sys.stderr, flush=True)
    return result


# -- main ----------------------------------------------------------------------------------

def build_content(server: FeedServer, items: int, fresh: int
                  ) -> tuple[list[tuple[Item, object]], dict[str, dict]]:
    """Generate the articles; returns (the first ``items`` as (Item, Article) pairs for our
    library, {"load": routes, "fetch": routes})."""
    from dataclasses import replace

    old: list[tuple[Item, object]] = []
    new: list[Item] = []
    for it, article in generate_items(0, items + fresh):
        if it.number < items:
            old.append((it, replace(article, url=item_link(server.base, it.number))))
        else:
            new.append(it)
    phases = {}
    for phase, chosen, pages in (("load", [it for it, _ in old], []), ("fetch", new, new)):
        per_feed: dict[int, list[Item]] = {}
        for it in chosen:
            per_feed.setdefault(feed_of(it.number), []).append(it)
        server.publish(per_feed, pages)
        phases[phase] = dict(server.routes)
        server.routes.clear()
    return old, phases


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fresh", type=int, default=200,
                        help="new articles for the fetch measurement (default 200)")
    parser.add_argument("--library", type=Path, default=None,
                        help="our library file to copy instead of building one")
    parser.add_argument("--limit", type=float, default=240.0,
                        help="longest wait for the fetch of --fresh articles, seconds")
    parser.add_argument("--load-limit", type=float, default=600.0,
                        help="longest wait for a feed reader to fetch the --items articles "
                        "into its empty library, seconds")
    parser.add_argument("--only", action="append", default=None,
                        help="run only this reader (ours, quiterss, rssguard); repeatable")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--screenshots", type=Path, default=None,
                        help="save a screenshot of each reader after its first measured start")
    parser.add_argument("--report", type=Path, default=None,
                        help="also save the run's JSON report here")
    parser.add_argument("--from-report", type=Path, default=None,
                        help="only rewrite the results file from a saved JSON report")
    args = parser.parse_args(argv)
    if args.from_report:
        try:
            report = json.loads(args.from_report.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"cannot read the report {args.from_report}: {exc}", file=sys.stderr)
            return 2
        RESULTS.write_text(render_markdown(report), encoding="utf-8")
        print(f"wrote {RESULTS}", file=sys.stderr)
        return 0

    if not os.environ.get("DISPLAY"):
        print("no DISPLAY: run this under xvfb-run (see the docstring)", file=sys.stderr)
        return 2
    try:
        probe = XProbe()
    except ImportError:
        print("python-xlib is missing: .venv/bin/pip install 'python-xlib>=0.33'",
              file=sys.stderr)
        return 2
    except Exception as exc:  # Xlib's connection errors have no common base worth naming
        print(f"cannot open the X display {os.environ['DISPLAY']}: {exc}", file=sys.stderr)
        return 2
    if not shutil.which("xdotool"):
        print("xdotool is missing (apt-get install xdotool): readers will be stopped with "
              "SIGTERM and the Unread step skipped", file=sys.stderr)

    t_all = time.perf_counter()
    server = FeedServer()
    work = Path(tempfile.mkdtemp(prefix="hbr-competitors-"))
    results: list[dict] = []
    skipped: list[str] = []
    try:
        t0 = time.perf_counter()
        old, phases = build_content(server, args.items, args.fresh)
        feed_mb = sum(len(v[0]) for k, v in phases["load"].items()
                      if k.startswith("/feed/")) / 1e6
        print(f"generated {args.items} + {args.fresh} articles in "
              f"{time.perf_counter() - t0:.0f} s; feeds {feed_mb:.0f} MB", file=sys.stderr)
        wanted = {w.lower() for w in args.only} if args.only else None
        readers: list[Reader] = [
            Ours(work / "ours", None if args.library else old, args.library),
            QuiteRSS(work / "quiterss"), RSSGuard(work / "rssguard")]
        del old
        for reader in readers:
            key = reader.binary.replace("huaibei_reader", "ours")
            if wanted is not None and key not in wanted:
                continue
            if not reader.available():
                message = (f"{reader.name}: `{reader.binary}` is not installed (apt-get "
                           f"install {reader.binary}); skipped")
                print(message, file=sys.stderr)
                skipped.append(message)
                continue
            reader.home.mkdir(parents=True)
            try:
                results.append(measure(reader, server, probe, phases, args))
            except Exception as exc:  # one reader going wrong must not lose the others
                message = f"{reader.name}: failed: {type(exc).__name__}: {exc}"
                print(message, file=sys.stderr)
                skipped.append(message)
            finally:
                reader.kill_leftovers()
            if isinstance(reader, Ours):
                reader.items = None
    finally:
        server.close()
        probe.close()
        shutil.rmtree(work, ignore_errors=True)
    report = {"items": args.items, "fresh": args.fresh, "runs": args.runs,
              "feed_mb": round(feed_mb, 1), "results": results, "skipped": skipped,
              "load_average": [round(x, 2) for x in os.getloadavg()],
              "total_s": round(time.perf_counter() - t_all),
              "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                         f"{platform.python_version()}, {platform.platform()}"}
    text = json.dumps(report, indent=1, ensure_ascii=False, default=str)
    print(text)
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(render_markdown(report), encoding="utf-8")
        print(f"wrote {RESULTS}", file=sys.stderr)
    return 0


NOTES = [
    "RSS Guard's first start shows an *Add new account* dialog and a *RSS Guard has Discord "
    "server!* popup; both are gone once its database holds a standard (std-rss) account with "
    "the feeds and its config.ini says `first_run=false` (it writes that itself on the first "
    "run). QuiteRSS shows no dialog on a first start.",
    "RSS Guard embeds QtWebEngine (Chromium), which refuses to run as root with its sandbox "
    "on: it runs with QTWEBENGINE_DISABLE_SANDBOX=1 here. Its helper processes "
    "(QtWebEngineProcess) are counted apart from the main process.",
    "QuiteRSS copies its whole SQLite database into memory at start and works on that copy "
    "(its default, `storeDBMemory`); that copy is part of its resident memory.",
    "Feed subscriptions are written straight into each reader's own database after a first "
    "run created it (QuiteRSS: rows in `feeds` with `xmlUrl`; RSS Guard: an `Accounts` row of "
    "type `std-rss` and `Feeds` rows with `source` and their JSON `custom_data`); fetching on "
    "start is switched on and off in their INI files (`autoUpdatefeedsStartUp`, "
    "`feeds_update_on_startup` with `feeds_update_on_startup_delay=0`).",
    "Ours reads each new article's page (it extracts articles from pages; the feed only lists "
    "them), so its fetch does 20 feed requests plus one page per new article; the feed readers "
    "store the feed's `<description>` as the article.",
]


def _f(value: object, digits: int = 2) -> str:
    if isinstance(value, (int, float)) and value == value:
        return f"{value:.{digits}f}"
    return "–"


def _ratio(ours: float | None, theirs: float | None) -> str:
    if not ours or not theirs:
        return "–"
    return f"{ours / theirs:.2f}"


def render_markdown(report: dict) -> str:
    """benchmarks/results/competitors.md from the run's report."""
    results = report["results"]
    ours = next((r for r in results if r["name"] == Ours.name), None)
    ours_start = ours["start"].get("start_median_s") if ours else None
    ours_rss = ours["start"].get("rss_mb") if ours else None
    lines = [
        "# Beside QuiteRSS and RSS Guard (benchmarks/competitors.py)",
        "",
        f"Same content for all three: {report['items']:,} generated Chinese articles "
        "(benchmarks/library.py's generator, one seed) in 20 RSS 2.0 feeds with the full text "
        f"({report['feed_mb']:.0f} MB of XML) served from loopback; then {report['fresh']} new "
        "ones in the same feeds for the fetch. Xvfb 1400x900x24, no window manager, each "
        "reader in a fresh HOME. Machine: " + report["machine"] + ", shared with other work; "
        "load average at the end: " + ", ".join(str(x) for x in report["load_average"]) +
        f" (1, 5, 15 min). Whole run: {report['total_s']} s.",
        "",
        "## Start and memory with the library loaded",
        "",
        "| reader | version | articles held | start to window, median (runs) | ours / theirs | "
        "resident (VmRSS) | peak (VmHWM) | ours / theirs (RSS) | + helper processes | "
        "ours / theirs (all processes) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        s = r["start"]
        if s.get("error"):
            lines.append(f"| {r['name']} | {r['version']} | {r['items']} | {s['error']} | | | | "
                         "| | |")
            continue
        runs = ", ".join(_f(x["start_s"]) for x in s.get("runs", []))
        helpers = f"{s['helpers_rss_mb']:.0f} MB" if s.get("helpers_rss_mb") else "none"
        total = s["rss_mb"] + s.get("helpers_rss_mb", 0.0)
        ratio_t = "1" if r is ours else _ratio(ours_start, s.get("start_median_s"))
        ratio_m = "1" if r is ours else _ratio(ours_rss, s.get("rss_mb"))
        ratio_all = "1" if r is ours else _ratio(ours_rss, total)
        lines.append(
            f"| {r['name']} | {r['version']} | {r['items']:,} | {_f(s['start_median_s'])} s "
            f"({runs}) | {ratio_t} | {s['rss_mb']:.0f} MB | {s['hwm_mb']:.0f} MB | {ratio_m} | "
            f"{helpers} | {ratio_all} |")
    lines += ["", "Window timed: " + "; ".join(
        f"{r['name']}: {r['start'].get('window', '?')}" for r in results) + "."]
    opens = [r for r in results if r.get("open") and not r["open"].get("error")]
    if opens:
        lines += [
            "",
            "## Opening the Unread view (the whole library) after start",
            "",
            "| reader | busy after the click | worst round trip | p99 | time frozen > 250 ms | "
            "resident before → after | peak (VmHWM) | + helper processes |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in opens:
            o = r["open"]
            busy = _busy(o.get("busy_s"))
            helpers = f"{o['helpers_rss_mb']:.0f} MB" if o.get("helpers_rss_mb") else "none"
            lines.append(
                f"| {r['name']} | {busy} | {_f(o['worst_ms'], 0)} ms | {_f(o['p99_ms'], 0)} ms "
                f"| {_f(o['stalled_s'], 1)} s | {o['rss_before_mb']:.0f} → {o['rss_mb']:.0f} MB "
                f"| {o['hwm_mb']:.0f} MB | {helpers} |")
    lines += [
        "",
        f"## Fetching {report['fresh']} new articles into that library",
        "",
        "| reader | articles before → after | busy for | pings | worst round trip | p99 | "
        "median | pings over 100 ms | time frozen > 250 ms | unanswered | resident at the end "
        "(peak) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(_fetch_row(r["name"], r["fetch"]))
    loads = [r for r in results if "load" in r]
    if loads:
        lines += [
            "",
            f"## The feed readers filling an empty library ({report['items']:,} articles in "
            "20 feeds)",
            "",
            "How QuiteRSS and RSS Guard came to hold the library above: their own fetch of the "
            "20 feeds on start. Ours is built directly (Library.save_articles), so it has no "
            "row here.",
            "",
            "| reader | articles before → after | busy for | pings | worst round trip | p99 | "
            "median | pings over 100 ms | time frozen > 250 ms | unanswered | resident at the "
            "end (peak) |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in loads:
            lines.append(_fetch_row(r["name"], r["load"]))
    lines += [
        "",
        "## Method",
        "",
        "- **Start**: from `subprocess.Popen` to the first top-level window of that process "
        "(`_NET_WM_PID`) that is mapped, viewable and at least 200x200, polled every 5 ms over "
        "our own X connection (python-xlib). `xdotool search --sync` was not used: it polls "
        "only every half second. A window counts when it is mapped, whatever it has drawn: "
        "what each reader shows at that moment is its own business (ours fills the list on a "
        "worker right after). One unmeasured start first (disk cache warm), then "
        f"{report['runs']} measured; each start is a fresh process, quit with Ctrl+Q.",
        "- **Memory**: VmRSS and VmHWM of the reader's main process from /proc/PID/status "
        "(and the VmRSS of its child processes, apart), sampled every 0.5 s after the window "
        "is up until three samples in a row are within 1 MB and the process used under 5% of "
        "a CPU over them (at most 20 s), median over the measured starts. Each reader shows "
        "its default view at start, nothing clicked: ours opens on All articles with the "
        "first rows listed; QuiteRSS and RSS Guard open on their feed tree with unread counts "
        "and an empty article list (screenshots).",
        "- **Opening the Unread view**: a fresh start, idle as above, then one click (xdotool) "
        "on the reader's Unread entry (position read off screenshots of the default layout), "
        "which lists every article; pinged as below until idle; *busy* is click to the last "
        "quarter second with over 5% CPU.",
        "- **Freezes**: from the moment the window is up, a `_NET_WM_PING` client message (the "
        "one a window manager sends to tell a hung window) is sent to it every 20 ms and the "
        "reply awaited; Qt answers it from the GUI thread's event loop, so the round trip is "
        "how long that thread was busy. It runs until the server has served every feed (and, "
        "for ours, every new article page) and the reader then used under 5% of a CPU for "
        "2 s; *busy for* ends at the last quarter second with over 5% CPU. *Time frozen* adds "
        "up the round trips over 250 ms.",
        "- Ratios are ours divided by theirs: under 1 means ours is faster or smaller.",
        "",
        "## Notes",
        "",
    ]
    lines += [f"- {note}" for note in NOTES]
    for message in report.get("skipped", []):
        lines.append(f"- Skipped: {message}")
    return "\n".join(lines) + "\n"


def _busy(seconds: float | None) -> str:
    """Busy time; the CPU is read in quarter seconds, so shorter work shows as under that."""
    if seconds is None:
        return "not idle by the limit"
    return "< 0.25 s" if seconds < 0.25 else f"{seconds:.1f} s"


def _fetch_row(name: str, f: dict) -> str:
    if f.get("error"):
        return f"| {name} | {f['error']} | | | | | | | | | |"
    done = "" if f.get("finished") else f" (stopped after {f['until_idle_s']:.0f} s, still busy)"
    return (f"| {name} | {f.get('items_before')} → {f.get('items_after')}{done} | "
            f"{_f(f['until_idle_s'], 1)} s | {f['pings']} | {_f(f['worst_ms'], 0)} ms | "
            f"{_f(f['p99_ms'], 0)} ms | {_f(f['median_ms'], 1)} ms | {f['over_100ms']} | "
            f"{_f(f['stalled_s'], 1)} s | {f['unanswered']} | {f['rss_mb']:.0f} MB "
            f"({f['hwm_mb']:.0f} MB) |")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
