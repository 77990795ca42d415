"""Our window beside QuiteRSS and RSS Guard (issue 6): start time, memory, freezes while fetching.

    xvfb-run -a -s "-screen 0 1400x900x24" env PYTHONPATH=src .venv/bin/python \\
        benchmarks/competitors.py [--items 20000] [--runs 5] [--library PATH] [--no-write]

Every reader gets the same generated Chinese news (benchmarks/library.py's Generator, one seed):
``--items`` articles spread over 20 feeds served as RSS 2.0 (full text in <description>) from a
loopback HTTP server in this process (127.0.0.1, port 0). QuiteRSS and RSS Guard fetch those
feeds themselves into their own databases, with their own code, so what they hold afterwards is
what a user of theirs would hold; our library is built with the same articles through
``library.articles.save_many`` (or copied from ``--library``) and given the same 20 feeds.

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
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tests"))  # support/: the loopback test kit

from _competitor_probe import (  # noqa: E402
    IdleWatch,
    XProbe,
    ping_until,
    proc_status,
    screenshot,
    settled_memory,
)
from _competitor_readers import (  # noqa: E402
    FEEDS,
    FeedServer,
    Item,
    Ours,
    QuiteRSS,
    Reader,
    RSSGuard,
    feed_of,
    generate_items,
    item_link,
)
from _competitor_report import RESULTS, read_report, render_markdown, report_json  # noqa: E402

# -- one reader through every measurement --------------------------------------------------


def launch_shown(reader: Reader, probe: XProbe) -> tuple[subprocess.Popen, float, object] | None:
    """Start the reader and wait for its window: (process, seconds to the window, window
    id), or None (the process stopped) when no window came."""
    proc, started = reader.launch()
    shown = probe.wait_window(proc, started)
    if shown is None:
        reader.stop(proc, None)
        return None
    start_s, window = shown
    return proc, start_s, window

def fetch_phase(reader: Reader, server: FeedServer, probe: XProbe, *, pages: int,
                limit_s: float) -> dict:
    """Start the reader with a fetch on start; ping its window until the feeds (and for ours
    the article pages) have been served and it has gone idle; then quit it."""
    before = reader.item_count()
    reader.fetch_on_start(True)
    server.served.clear()
    launched = launch_shown(reader, probe)
    if launched is None:
        return {"error": "no window"}
    proc, start_s, window = launched

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


def open_unread(reader: Reader, probe: XProbe, shots: Path | None, limit_s: float) -> dict:
    """Start the reader, wait until it is idle, click its Unread view (the whole library) and
    ping the window until the reader is idle again; memory after."""
    if reader.unread_view is None:
        return {"error": "no Unread view known"}
    if not shutil.which("xdotool"):
        return {"error": "xdotool is not installed"}
    launched = launch_shown(reader, probe)
    if launched is None:
        return {"error": "no window"}
    proc, _start_s, window = launched
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
        launched = launch_shown(reader, probe)
        if launched is None:
            out["error"] = f"no window within 60 s (run {n})"
            return out
        proc, start_s, window = launched
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
            report = read_report(args.from_report)
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
    text = report_json(report)
    print(text)
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(render_markdown(report), encoding="utf-8")
        print(f"wrote {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
