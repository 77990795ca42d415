"""The pure parts of benchmarks/competitors.py (its helper modules benchmarks/_competitor_*.py):
the generated feeds, the INI edits, the summaries, the results page and the JSON report. Nothing
here needs a display or the other readers."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from _competitor_probe import IdleWatch, PingLog  # noqa: E402
from _competitor_readers import (  # noqa: E402
    FeedServer,
    Item,
    Ours,
    fresh_env,
    generate_items,
    rss_document,
    write_ini,
)
from _competitor_report import read_report, render_markdown, report_json  # noqa: E402

from huaibei_reader.sources.feeds import parse_feed  # noqa: E402

# Loopback only: never through a proxy from the environment.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def items(first: int, count: int) -> list[Item]:
    return [it for it, _article in generate_items(first, count)]


def test_items_are_reproducible_and_the_same_whichever_range_asks() -> None:
    whole = items(0, 6)
    tail = items(4, 2)
    assert [it.number for it in whole] == [0, 1, 2, 3, 4, 5]
    assert tail == whole[4:]
    assert all(it.title and it.paragraphs for it in whole)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in whole[0].title)


def test_the_feed_is_valid_rss_with_full_text_newest_first() -> None:
    chosen = items(0, 5)
    data = rss_document("http://127.0.0.1:1", 0, chosen)
    feed = parse_feed(data, "http://127.0.0.1:1/feed/1.xml")
    assert [e.url for e in feed.entries] == [f"http://127.0.0.1:1/a/{n}.html"
                                            for n in (4, 3, 2, 1, 0)]
    assert feed.entries[0].title == chosen[4].title
    published = [e.published for e in feed.entries]
    assert published == sorted(published, reverse=True)
    # The body is all there (the feed readers keep it as the article).
    assert chosen[4].paragraphs[-1] in feed.entries[0].summary


def test_the_server_serves_the_published_feeds_and_pages_and_counts_them() -> None:
    server = FeedServer()
    try:
        fresh = items(10, 2)
        server.publish({0: fresh}, pages=fresh)
        with OPENER.open(server.feed_url(0), timeout=10) as answer:
            feed = parse_feed(answer.read(), server.feed_url(0))
        assert len(feed.entries) == 2
        with OPENER.open(feed.entries[0].url, timeout=10) as answer:
            page = answer.read().decode("utf-8")
        assert fresh[1].title in page
        with OPENER.open(server.feed_url(5), timeout=10) as answer:
            assert parse_feed(answer.read(), server.feed_url(5)).entries == []
        with pytest.raises(urllib.error.HTTPError):
            OPENER.open(f"{server.base}/nothing", timeout=10)
        assert server.count_served("/feed/") == 2
        assert server.count_served("/a/") == 1
    finally:
        server.close()


def test_ini_edits_keep_the_other_keys_and_their_case(tmp_path: Path) -> None:
    ini = tmp_path / "QuiteRss.ini"
    ini.write_text("[General]\nGAnalytics-cid={abc}\n\n[NewsHeader]\n"
                   "state=@ByteArray(\\0\\0\\0\\xff)\n", encoding="utf-8")
    write_ini(ini, {"Settings": {"autoUpdatefeedsStartUp": "true"}})
    write_ini(ini, {"Settings": {"autoUpdatefeedsStartUp": "false"}})
    text = ini.read_text(encoding="utf-8")
    assert "GAnalytics-cid={abc}" in text
    assert "state=@ByteArray(\\0\\0\\0\\xff)" in text
    assert "autoUpdatefeedsStartUp=false" in text
    assert "autoUpdatefeedsStartUp=true" not in text


def test_the_environment_keeps_every_reader_inside_its_temp_home(tmp_path: Path) -> None:
    env = fresh_env(tmp_path)
    for key in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
        assert env[key].startswith(str(tmp_path)), key
    assert (tmp_path / "run").stat().st_mode & 0o777 == 0o700
    assert not any(k.startswith("QT_") for k in env)


def test_ping_summary_counts_freezes() -> None:
    log = PingLog(rtts=[0.5, 1.0, 120.0, 400.0, 600.0], wall_s=3.0)
    summary = log.summary()
    assert summary["worst_ms"] == 600.0
    assert summary["over_100ms"] == 3
    assert summary["stalled_s"] == pytest.approx(1.0)
    assert summary["median_ms"] == 120.0


def test_the_results_page_shows_ratios_and_every_reader() -> None:
    def start(seconds: float, rss: float) -> dict:
        return {"runs": [{"start_s": seconds}], "start_median_s": seconds, "rss_mb": rss,
                "hwm_mb": rss + 10, "helpers_rss_mb": 0.0}

    fetch = {"items_before": 10, "items_after": 12, "finished": True, "until_idle_s": 3.0,
             "pings": 100, "worst_ms": 40.0, "p99_ms": 20.0, "median_ms": 0.5,
             "over_100ms": 0, "stalled_s": 0.0, "unanswered": 0, "rss_mb": 150.0,
             "hwm_mb": 155.0}
    report = {"items": 10, "fresh": 2, "runs": 1, "feed_mb": 1.0, "load_average": [1, 1, 1],
              "total_s": 60, "machine": "test", "skipped": ["RSS Guard: not installed"],
              "results": [
                  {"name": Ours.name, "version": "0.1", "items": 10,
                   "start": start(0.5, 100.0), "fetch": fetch},
                  {"name": "QuiteRSS", "version": "0.19", "items": 10,
                   "start": start(1.0, 200.0), "fetch": fetch, "load": fetch,
                   "open": {**fetch, "busy_s": 4.25, "rss_before_mb": 200.0, "rss_mb": 260.0,
                            "hwm_mb": 270.0, "helpers_rss_mb": 0.0}}]}
    page = render_markdown(report)
    assert "| QuiteRSS | 0.19 | 10 | 1.00 s (1.00) | 0.50 |" in page
    assert "| 200 MB | 210 MB | 0.50 |" in page
    assert "Skipped: RSS Guard: not installed" in page
    assert "| QuiteRSS | 4.2 s | 40 ms | 20 ms | 0.0 s | 200 → 260 MB | 270 MB | none |" in page
    assert page.count("| QuiteRSS |") == 4  # start, open, fetch, load


def test_the_json_report_reads_back_as_it_was_written(tmp_path: Path) -> None:
    report = {"items": 10, "machine": "测试机",
              "results": [{"name": Ours.name, "fetch": {"worst_ms": 40.5}}], "when": tmp_path}
    text = report_json(report)
    assert "测试机" in text  # Chinese kept as it is, not escaped
    saved = tmp_path / "report.json"
    saved.write_text(text, encoding="utf-8")
    assert read_report(saved) == {**report, "when": str(tmp_path)}
    saved.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError):
        read_report(saved)


def test_idle_watch_waits_for_two_quiet_seconds_and_for_its_condition() -> None:
    quiet = subprocess.Popen(["sleep", "30"])
    try:
        gate = {"open": False}
        watch = IdleWatch(quiet.pid, lambda: gate["open"])
        t0 = time.monotonic()
        while time.monotonic() - t0 < 3.0:
            assert not watch(), "idle reported while its condition was false"
            time.sleep(0.05)
        gate["open"] = True
        opened = time.monotonic()
        while not watch():
            assert time.monotonic() - opened < 10.0, "never idle"
            time.sleep(0.05)
        # Counted from its last look while the condition was false (up to 50 ms earlier).
        assert time.monotonic() - opened >= 1.9
    finally:
        quiet.kill()
        quiet.wait()
