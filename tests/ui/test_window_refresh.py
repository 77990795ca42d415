"""Refresh from the window against the sample edition on loopback: the event loop keeps
running, progress and cancel work, failures show on the source, offline shows a banner."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from support.edition import EditionServer

from huaibei_reader.demo import SampleEditionServer
from huaibei_reader.errors import Cancelled
from huaibei_reader.models import Source


@pytest.fixture
def slow_server():
    with EditionServer(latency=0.15) as server:
        yield server


@pytest.fixture
def edition_window(factory, slow_server):
    factory.library.sources.add(Source(id=None, name="今日淮北 (示例)", url=slow_server.base_url))
    return factory.build()


def test_refresh_does_not_block_the_event_loop(edition_window, qtbot, slow_server):
    window = edition_window
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    with qtbot.waitSignal(window.refresh_finished, timeout=60_000) as blocker:
        assert window.refresh_controller.start()
        assert window.refresh_controller.refreshing and window.progress.isVisible()
        assert window.cancel_button.isVisible()
    timer.stop()
    outcome = blocker.args[0]
    assert outcome.new >= 10
    # The refresh took many 150 ms round trips; the GUI thread kept ticking throughout.
    assert len(gaps) > 50
    assert max(gaps) < 500, f"worst gap {max(gaps)} ms"
    assert len(slow_server.paths_requested("GET")) >= 10
    qtbot.waitUntil(lambda: window.model.rowCount() == outcome.new, timeout=5000)
    assert "new articles" in window.status_label.text() or str(outcome.new) in \
        window.status_label.text()
    assert not window.progress.isVisible()


def test_refresh_can_be_cancelled_from_the_status_bar(edition_window, qtbot):
    window = edition_window
    with qtbot.waitSignal(window.refresh_finished, timeout=30_000) as blocker:
        window.refresh_controller.start()
        window.cancel_button.click()
    assert isinstance(blocker.args[0], Cancelled)
    assert not window.refresh_controller.refreshing
    assert window.actions_.refresh.isEnabled()


def test_offline_shows_a_quiet_banner_and_the_reason_on_the_source(factory, qtbot):
    factory.library.sources.add(Source(id=None, name="断网的来源", url="http://127.0.0.1:9/"))
    window = factory.build()
    assert window.banner.isHidden()
    with qtbot.waitSignal(window.refresh_finished, timeout=30_000) as blocker:
        window.refresh_controller.start()
    assert blocker.args[0].offline
    assert window.banner.isVisible()
    def tip() -> str:
        return window.sidebar._items["source:1"].toolTip(0)

    qtbot.waitUntil(lambda: "failed" in tip(), timeout=5000)
    assert window.sidebar.source(1).last_error  # the reason, from the library


def test_automatic_refresh_follows_the_interval(factory, qtbot, slow_server):
    factory.settings.set("refresh/interval_minutes", 15)
    window = factory.build()
    assert window.refresh_controller.timer.isActive()
    assert window.refresh_controller.timer.interval() == 15 * 60_000
    factory.library.sources.add(Source(id=None, name="示例", url=slow_server.base_url))
    with qtbot.waitSignal(window.refresh_finished, timeout=60_000):
        window.refresh_controller.timer.timeout.emit()
    factory.settings.set("refresh/interval_minutes", 0)
    window.refresh_controller.apply_interval()
    assert not window.refresh_controller.timer.isActive()


def test_articles_a_refresh_saved_are_indexed_for_search_afterwards(factory, qtbot):
    """Saving only queues texts for the search index; the window indexes them on a worker
    once the refresh ends, and search finds them before and after."""
    server = SampleEditionServer(port=0)
    server.start()
    try:
        factory.library.sources.add(Source(id=None, name="今日淮北 (示例)", url=server.base_url))
        window = factory.build()
        # (the window also indexes when the library opens: that run finds nothing queued)
        with qtbot.waitSignal(window.search_index_updated, timeout=60_000,
                              check_params_cb=lambda n: n > 0) as indexed:
            with qtbot.waitSignal(window.refresh_finished, timeout=60_000) as refreshed:
                assert window.refresh_controller.start()
            new = refreshed.args[0].new
            assert new >= 10
            assert len(factory.library.search.find("三社联动")) >= 1  # queued or indexed
    finally:
        server.stop()
    assert indexed.args[0] >= 1
    assert factory.library.search.pending() == 0
    hits = factory.library.search.find("三社联动")
    assert hits and all(h.rank < 0 for h in hits)  # ranked by the index now
