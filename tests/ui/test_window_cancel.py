"""Cancel and Quit during a refresh whose pages hang (issue 17), and the hosts given up on
(issue 16), as the window shows them: Cancel gives control back within a second, Quit ends
the process within two, and the library stays whole."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))

from hangsite import HangSite
from support.local import allow_local_sources

from huaibei_reader.app.refresh import RefreshCancelled
from huaibei_reader.models import Source
from huaibei_reader.store import Library

SRC = Path(__file__).resolve().parents[2] / "src"
CANCEL_BOUND = 1.0  # issue 17: Cancel to idle
QUIT_BOUND = 2.0  # issue 17: Quit to process exit
HANG_GUARD_MS = 60_000


WORKERS_GONE_MS = 3000  # the reaper looks every 0.1 s; a worker cut off ends at once


def _refresh_workers() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("refresh-")]


@pytest.mark.parametrize("mode", ["silent", "stalled"])
def test_cancel_returns_to_idle_within_a_second_and_says_what_was_saved(factory, qtbot,
                                                                        mode):
    with HangSite(good=3, hanging=12, mode=mode) as site:
        factory.library.sources.add(Source(None, "挂起", site.url("/"), kind="feed",
                                          feed_url=site.feed_url))
        window = factory.build()
        assert window.refresh_controller.start()
        qtbot.waitUntil(site.hung.is_set, timeout=HANG_GUARD_MS)
        qtbot.waitUntil(lambda: factory.library.articles.count() == site.good,
                        timeout=HANG_GUARD_MS)
        with qtbot.waitSignal(window.refresh_finished, timeout=HANG_GUARD_MS) as blocker:
            started = time.monotonic()
            window.cancel_button.click()
        elapsed = time.monotonic() - started
        stopped = blocker.args[0]
        assert elapsed <= CANCEL_BOUND, f"{elapsed:.2f} s from Cancel to idle"
        assert isinstance(stopped, RefreshCancelled)
        assert stopped.saved == site.good and stopped.left == site.hanging
        assert not window.refresh_controller.refreshing and window.actions_.refresh.isEnabled()
        assert not window.cancel_button.isVisible()
        assert "3 articles saved before it stopped" in window.status_label.text()
        assert factory.library.integrity_check() == []
        # the requests in flight were cut (the pages still hang): no worker is left behind
        qtbot.waitUntil(lambda: _refresh_workers() == [], timeout=WORKERS_GONE_MS)


def test_the_window_shows_the_host_given_up_on(factory, qtbot):
    from support.loopback import LoopbackServer, Reply, free_port

    dead = free_port()
    items = "".join(f"<item><title>第{n}条</title><link>http://127.0.0.1:{dead}/{n}.html</link>"
                    f"<description>第{n}条的正文，淮北市今天召开会议。</description></item>"
                    for n in range(30))
    feed = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>{items}"
            "</channel></rss>").encode()
    with LoopbackServer() as server:
        server.route("/feed.xml", lambda req: Reply(200, feed,
                                                    {"Content-Type": "application/rss+xml"}))
        factory.library.sources.add(Source(None, "死站", server.url("/"), kind="feed",
                                          feed_url=server.url("/feed.xml")))
        window = factory.build()
        with qtbot.waitSignal(window.refresh_finished, timeout=HANG_GUARD_MS) as blocker:
            window.refresh_controller.start()
    outcome = blocker.args[0]
    line = outcome.notes[0]
    assert line.startswith(f"127.0.0.1:{dead}: not reachable, ")
    assert line.endswith("will try on the next refresh")
    assert line in window.status_label.text()
    assert outcome.new == 30  # every item kept from the feed


def test_quit_during_a_hanging_refresh_ends_the_process_within_two_seconds(tmp_path):
    db = tmp_path / "library.sqlite3"
    with HangSite(good=3, hanging=12, mode="stalled") as site:
        with Library.open(db) as library:
            library.sources.add(Source(None, "挂起", site.url("/"), kind="feed",
                                      feed_url=site.feed_url))
        allow_local_sources(tmp_path)  # the hanging site is on 127.0.0.1
        env = {**os.environ, "PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen"}
        env.pop("HUAIBEI_READER_DEBUG", None)
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("quit_driver.py")), str(tmp_path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=env)
        try:
            assert site.hung.wait(HANG_GUARD_MS / 1000), "the window did not refresh"
            with Library.open(db, check=False) as reader:
                deadline = time.monotonic() + HANG_GUARD_MS / 1000
                while reader.articles.count() < site.good and time.monotonic() < deadline:
                    site.hung.wait(0.05)  # rows written by the other process
            started = time.monotonic()
            proc.stdin.write("quit\n")
            proc.stdin.flush()
            _, err = proc.communicate(timeout=HANG_GUARD_MS / 1000)
            elapsed = time.monotonic() - started
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert proc.returncode == 0, err[-800:]
    assert elapsed <= QUIT_BOUND, f"{elapsed:.2f} s from Quit to process exit"
    assert "Traceback" not in err
    with Library.open(db) as library:  # the next start opens it without repair
        assert library.moved_aside is None
        assert library.integrity_check() == []
        assert library.articles.count() == site.good


def test_the_list_fills_while_the_refresh_runs(factory, qtbot):
    """Articles appear in the list as they are saved, not when the refresh ends: here it
    never ends by itself (the last pages hang)."""
    with HangSite(good=3, hanging=4, mode="silent") as site:
        factory.library.sources.add(Source(None, "挂起", site.url("/"), kind="feed",
                                          feed_url=site.feed_url))
        window = factory.build()
        assert window.model.rowCount() == 0
        assert window.refresh_controller.start()
        qtbot.waitUntil(lambda: window.model.rowCount() == site.good, timeout=HANG_GUARD_MS)
        assert window.refresh_controller.refreshing  # still running: the pages hang
        assert "挂起" in window.status_label.text()  # progress names the source
        with qtbot.waitSignal(window.refresh_finished, timeout=HANG_GUARD_MS):
            window.cancel_button.click()
