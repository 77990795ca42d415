"""The results page of benchmarks/competitors.py (tables, method, notes) and its JSON report."""

from __future__ import annotations

import json
import math
from pathlib import Path

from _competitor_readers import Ours

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "competitors.md"


# The columns of a fetch: a reader busy with feeds while the window is pinged.
_FETCH_HEADER = [
    "| reader | articles before → after | busy for | pings | worst round trip | p99 | median | "
    "pings over 100 ms | time frozen > 250 ms | unanswered | resident at the end (peak) |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
]

def report_json(report: dict) -> str:
    """The run's report as printed and as saved with --report."""
    return json.dumps(report, indent=1, ensure_ascii=False, default=str)


def read_report(path: Path) -> dict:
    """A report saved with --report; OSError or ValueError when it cannot be read."""
    return json.loads(path.read_text(encoding="utf-8"))


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
    if isinstance(value, (int, float)) and not math.isnan(value):
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
        *_FETCH_HEADER,
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
            "20 feeds on start. Ours is built directly (library.articles.save_many), so it has no "
            "row here.",
            "",
            *_FETCH_HEADER,
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
