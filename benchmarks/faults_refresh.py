"""The refresh and command-line fault cases of issues 16-18, each with its time (and memory)
bound; ``benchmarks/faults.py`` runs them and reports them with the other faults.

Each case returns one ``Case``: what was tried, the bound, what was measured, and whether it
held. Shipped network settings (``HttpConfig`` defaults), real servers on loopback, the real
command line and the real window (offscreen) in subprocesses.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from huaibei_reader.net import AddressPolicy

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
for folder in ("app", "ui"):
    sys.path.insert(0, str(REPO / "tests" / folder))
sys.path.insert(0, str(REPO / "tests"))  # support/: the loopback test kit

UA = "HuaibeiReader/bench (+https://example.invalid; fault benchmark)"


def _local() -> AddressPolicy:
    """The loopback servers are local addresses, which the product refuses unless allowed:
    the benchmark allows them explicitly (an AddressPolicy for its clients, the settings file
    for the command line and the window it starts)."""
    from support.local import LOCAL_OK

    return LOCAL_OK


def _allow_local(data_dir: str | Path) -> None:
    from support.local import allow_local_sources

    allow_local_sources(Path(data_dir))
GUARD = 300.0  # seconds: only to end a case that hangs


@dataclass
class Case:
    name: str
    bound: str
    measured: str
    held: bool
    detail: str = ""


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONIOENCODING": "utf-8",
           "QT_QPA_PLATFORM": "offscreen"}
    env.pop("HUAIBEI_READER_DEBUG", None)
    return env


def _rss(items: str) -> bytes:
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>bench"
            f"</title><link>http://127.0.0.1/</link>{items}</channel></rss>").encode()


def _count(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def _wait_for(condition, timeout: float = GUARD) -> bool:
    pause = threading.Event()
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        pause.wait(0.05)
    return True


# -- issue 16 -------------------------------------------------------------------------------

def dead_host_behind_a_big_feed(items: int = 500, bound: float = 30.0) -> Case:
    """A feed of 500 items, each with its text, all linking to a host that refuses."""
    from support.loopback import LoopbackServer, Reply, free_port

    from huaibei_reader.app.refresh import refresh_sources
    from huaibei_reader.models import Source
    from huaibei_reader.net import HttpClient, HttpConfig
    from huaibei_reader.store import Library

    dead = free_port()
    feed = _rss("".join(
        f"<item><title>第{n}条</title><link>http://127.0.0.1:{dead}/news/{n}.html</link>"
        f"<description>&lt;p&gt;第{n}条新闻的正文：淮北市今天召开会议。&lt;/p&gt;</description>"
        "</item>" for n in range(items)))
    with tempfile.TemporaryDirectory() as tmp, LoopbackServer() as server:
        server.route("/feed.xml", lambda req: Reply(200, feed,
                                                    {"Content-Type": "application/rss+xml"}))
        with Library.open(Path(tmp) / "library.sqlite3") as library, \
                HttpClient(HttpConfig(user_agent=UA, address_policy=_local())) as client:
            source = library.sources.add(Source(None, "dead", server.url("/"), kind="feed",
                                               feed_url=server.url("/feed.xml")))
            started = time.monotonic()
            [report] = refresh_sources([source], library=library, client=client)
            seconds = time.monotonic() - started
            stored = library.articles.count()
            kept = len(library.articles.from_feed_urls(
                f"http://127.0.0.1:{dead}/news/{n}.html" for n in range(items)))
    notes = report.notes()
    held = seconds < bound and kept == items and len(notes) == 1 and report.error is None
    return Case(f"dead host behind a {items}-item feed (whole refresh)", f"< {bound:.0f} s",
                f"{seconds:.1f} s; {kept}/{items} stored from the feed ({stored} articles)",
                held, notes[0] if notes else report.summary())


def retry_after_a_day(items: int = 100, bound: float = 10.0) -> Case:
    """Every article page answers 429 with Retry-After: 86400."""
    from support.loopback import LoopbackServer, Reply

    from huaibei_reader.app.refresh import refresh_sources
    from huaibei_reader.models import Source
    from huaibei_reader.net import HttpClient, HttpConfig
    from huaibei_reader.store import Library

    with tempfile.TemporaryDirectory() as tmp, LoopbackServer() as server, LoopbackServer() as busy:
        feed = _rss("".join(f"<item><title>第{n}条</title><link>{busy.url(f'/{n}.html')}"
                            "</link></item>" for n in range(items)))
        server.route("/feed.xml", lambda req: Reply(200, feed,
                                                    {"Content-Type": "application/rss+xml"}))
        for n in range(items):
            busy.route(f"/{n}.html", lambda req: Reply(429, b"", {"Retry-After": "86400"}))
        with Library.open(Path(tmp) / "library.sqlite3") as library, \
                HttpClient(HttpConfig(user_agent=UA, address_policy=_local())) as client:
            source = library.sources.add(Source(None, "busy", server.url("/"), kind="feed",
                                               feed_url=server.url("/feed.xml")))
            started = time.monotonic()
            [report] = refresh_sources([source], library=library, client=client)
            seconds = time.monotonic() - started
        asked = len([p for p in busy.paths() if p != "/robots.txt"])
    notes = report.notes()
    held = seconds < bound and len(notes) == 1 and "1 day" in notes[0]
    return Case("Retry-After of a day on every article page", f"< {bound:.0f} s",
                f"{seconds:.2f} s; {asked} of {items} pages asked", held,
                notes[0] if notes else report.summary())


def dtd_feeds(bound: float = 10.0) -> Case:
    """`sources add` of feeds that declare entities (a bomb, an external entity)."""
    from support.loopback import LoopbackServer, Reply

    docs = {
        "bomb": "<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY a 'aaaaaaaaaa'><!ENTITY h "
                "'&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]><rss version='2.0'><channel><title>&h;"
                "</title></channel></rss>",
        "xxe": "<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
               "<rss version='2.0'><channel><title>XXE &x;</title></channel></rss>",
    }
    lines: list[str] = []
    held = True
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp, LoopbackServer() as server:
        for name, doc in docs.items():
            data = doc.encode()
            server.route(f"/{name}.xml", lambda req, d=data: Reply(
                200, d, {"Content-Type": "application/rss+xml"}))
            base = [sys.executable, "-m", "huaibei_reader", "--data-dir", tmp]
            _allow_local(tmp)
            started = time.monotonic()
            added = subprocess.run([*base, "sources", "add", server.url(f"/{name}.xml")],
                                   capture_output=True, text=True, env=_env(), timeout=GUARD)
            worst = max(worst, time.monotonic() - started)
            listed = subprocess.run([*base, "sources", "list", "--json"], capture_output=True,
                                    text=True, env=_env(), timeout=GUARD)
            last = (added.stderr.strip().splitlines() or [""])[-1]
            ok = (added.returncode == 1 and "declares XML entities" in last
                  and listed.stdout.strip() == "[]")
            held &= ok
            lines.append(f"{name}: {last}" if ok else f"{name}: exit {added.returncode}, "
                         f"{added.stderr[-200:]!r}, listed {listed.stdout.strip()[:80]!r}")
    return Case("feeds declaring a DTD (bomb, external entity): `sources add`",
                f"refused, nothing added, < {bound:.0f} s each",
                f"{worst:.2f} s; {'nothing added' if held else 'NOT held'}",
                held and worst < bound, lines[0])


# -- issue 17 -------------------------------------------------------------------------------

def cli_signal_during_a_hanging_refresh(sig: int = signal.SIGINT, bound: float = 2.0) -> Case:
    """`refresh` against pages that hang (stalled Connection: close answers), then a signal."""
    from hangsite import HangSite

    from huaibei_reader.models import Source
    from huaibei_reader.store import Library

    word = {signal.SIGINT: "SIGINT", signal.SIGTERM: "SIGTERM"}[sig]
    with tempfile.TemporaryDirectory() as tmp, HangSite(good=3, hanging=20,
                                                        mode="stalled") as site:
        db = Path(tmp) / "library.sqlite3"
        with Library.open(db) as library:
            library.sources.add(Source(None, "hang", site.url("/"), kind="feed",
                                      feed_url=site.feed_url))
        _allow_local(tmp)
        proc = subprocess.Popen([sys.executable, "-m", "huaibei_reader", "--data-dir", tmp,
                                 "refresh"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, encoding="utf-8", env=_env())
        try:
            site.hung.wait(GUARD)
            _wait_for(lambda: _count(db) == site.good)
            before = _count(db)
            sent = time.monotonic()
            proc.send_signal(sig)
            _, err = proc.communicate(timeout=GUARD)
            seconds = time.monotonic() - sent
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        with Library.open(db) as library:
            unsound = library.integrity_check()
            after = library.articles.count()
            moved = library.moved_aside
    last = (err.strip().splitlines() or [""])[-1]
    said = re.search(r"refresh stopped: (\d+) articles saved", last)
    lost = max(0, before - after)
    held = (seconds <= bound and proc.returncode == 128 + sig and said is not None
            and int(said[1]) == after and not unsound and moved is None and lost == 0)
    return Case(f"CLI {word} during a refresh whose pages hang", f"exit <= {bound:.0f} s",
                f"{seconds:.2f} s, exit {proc.returncode}; integrity "
                f"{'clean' if not unsound else 'FAILED'}; {lost} records lost", held, last)


def window_cancel_and_quit(cancel_bound: float = 1.0, quit_bound: float = 2.0) -> list[Case]:
    """The real window (offscreen subprocess, tests/ui/quit_driver.py) refreshing pages that
    hang: Cancel to idle, then a new refresh and Quit to process exit."""
    from hangsite import HangSite

    from huaibei_reader.models import Source
    from huaibei_reader.store import Library

    driver = REPO / "tests" / "ui" / "quit_driver.py"
    with tempfile.TemporaryDirectory() as tmp, HangSite(good=3, hanging=20,
                                                        mode="stalled") as site:
        db = Path(tmp) / "library.sqlite3"
        with Library.open(db) as library:
            library.sources.add(Source(None, "hang", site.url("/"), kind="feed",
                                      feed_url=site.feed_url))
        _allow_local(tmp)
        proc = subprocess.Popen([sys.executable, str(driver), tmp], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=_env())
        assert proc.stdin is not None and proc.stdout is not None
        try:
            site.hung.wait(GUARD)
            _wait_for(lambda: _count(db) == site.good)
            proc.stdin.write("cancel\n")
            proc.stdin.flush()
            answer = proc.stdout.readline().split()
            cancel_seconds = float(answer[1]) if len(answer) == 3 else float("inf")
            hangs = len([p for p in site.server.paths() if p.startswith("/news/hang/")])
            proc.stdin.write("refresh\n")
            proc.stdin.flush()
            _wait_for(lambda: len([p for p in site.server.paths()
                                   if p.startswith("/news/hang/")]) > hangs)
            sent = time.monotonic()
            proc.stdin.write("quit\n")
            proc.stdin.flush()
            _, err = proc.communicate(timeout=GUARD)
            quit_seconds = time.monotonic() - sent
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        with Library.open(db) as library:
            whole = library.moved_aside is None and not library.integrity_check()
            kept = library.articles.count()
    return [
        Case("window Cancel during a refresh whose pages hang", f"idle <= {cancel_bound:.0f} s",
             f"{cancel_seconds:.2f} s; {answer[2] if len(answer) == 3 else '?'} saved",
             cancel_seconds <= cancel_bound, " ".join(answer)),
        Case("window Quit during a refresh whose pages hang",
             f"process exit <= {quit_bound:.0f} s",
             f"{quit_seconds:.2f} s, exit {proc.returncode}; next start "
             f"{'opens without repair' if whole else 'NEEDS REPAIR'}",
             quit_seconds <= quit_bound and proc.returncode == 0 and whole
             and kept == site.good, err.strip()[-200:]),
    ]


# -- issue 18 (the command line's local inputs) ---------------------------------------------

_MEASURED = """
import atexit, resource, runpy, sys
report = sys.argv.pop(1)
def peak_kib():
    # VmHWM is this program's own peak; ru_maxrss also counts the parent it was forked from
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
atexit.register(lambda: open(report, "w").write(str(peak_kib())))
sys.argv[0] = "huaibei-reader"
runpy.run_module("huaibei_reader", run_name="__main__", alter_sys=True)
"""


def endless_local_inputs(memory_mb: float = 200.0, bound: float = 10.0) -> list[Case]:
    """`extract` and `sources import` of /dev/zero and of a 2 GiB file."""
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "two-gib.html"
        with open(big, "wb") as fh:
            fh.truncate(2 * 1024**3)
        for argv in (["extract", "/dev/zero"], ["extract", str(big)],
                     ["sources", "import", "/dev/zero"]):
            report = Path(tmp) / "peak"
            started = time.monotonic()
            proc = subprocess.run([sys.executable, "-c", _MEASURED, str(report), "--data-dir",
                                   str(Path(tmp) / "data"), *argv], capture_output=True,
                                  text=True, env=_env(), timeout=GUARD)
            seconds = time.monotonic() - started
            peak = int(report.read_text()) / 1024
            lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
            shown = " ".join(argv).replace(str(big), "<2 GiB file>")
            held = (proc.returncode == 1 and len(lines) == 1 and "larger than" in lines[0]
                    and peak < memory_mb and seconds < bound)
            cases.append(Case(f"`{shown}`", f"one line, < {memory_mb:.0f} MB",
                              f"{peak:.0f} MB, {seconds:.2f} s, exit {proc.returncode}", held,
                              lines[-1].replace(str(big), "<2 GiB file>") if lines else ""))
    return cases


def run_all() -> list[Case]:
    cases = [dead_host_behind_a_big_feed(), retry_after_a_day(), dtd_feeds(),
             cli_signal_during_a_hanging_refresh(signal.SIGINT),
             cli_signal_during_a_hanging_refresh(signal.SIGTERM)]
    cases += window_cancel_and_quit()
    cases += endless_local_inputs()
    from faults_salvage import damaged_library_salvaged  # it builds on this module's kit

    cases.append(damaged_library_salvaged())
    return cases


def table(cases: list[Case]) -> list[str]:
    lines = ["| case | bound | measured | held |", "|---|---|---|---|"]
    lines += [f"| {c.name} | {c.bound} | {c.measured} | {'yes' if c.held else '**no**'} |"
              for c in cases]
    lines += ["", "What each said (the one line a person sees):", ""]
    lines += [f"- {c.name}: `{c.detail}`" for c in cases if c.detail]
    return lines


if __name__ == "__main__":
    found = run_all()
    print("\n".join(table(found)))
    sys.exit(0 if all(c.held for c in found) else 1)
