"""The background operation API: delivery on the GUI thread, failures, progress, cancel,
latest-wins and a clean shutdown while work is still running."""

from __future__ import annotations

import threading

import pytest

from huaibei_reader.app.operations import Operation, OperationRunner, Progress
from huaibei_reader.errors import Cancelled, InputError, KnownError


@pytest.fixture
def runner(qapp):
    r = OperationRunner(max_threads=6)
    yield r
    r.shutdown()
    r.deleteLater()


def test_success_is_delivered_on_the_gui_thread(qtbot, runner):
    gui = threading.get_ident()
    seen = {}

    def work(ctx):
        seen["worker"] = threading.get_ident()
        return 41 + 1

    def done(value):
        seen["value"] = value
        seen["callback"] = threading.get_ident()

    with qtbot.waitSignal(runner.idle, timeout=5000):
        Operation(runner, work).success(done).run_in_background()
    assert seen["value"] == 42
    assert seen["callback"] == gui
    assert seen["worker"] != gui


def test_the_pool_has_more_threads_than_cores(runner):
    assert runner.max_threads >= 6


def test_known_error_goes_to_failure_and_bug_to_the_bug_hook(qtbot, runner):
    failures: list[KnownError] = []
    bugs: list[tuple[BaseException, str]] = []
    runner.on_bug = lambda exc, details: bugs.append((exc, details))

    def bad_input(ctx):
        raise InputError("no such article: 7")

    def bug(ctx):
        raise ZeroDivisionError("oops")

    with qtbot.waitSignal(runner.idle, timeout=5000):
        Operation(runner, bad_input).failure(failures.append).run_in_background()
        Operation(runner, bug).failure(failures.append).run_in_background()
    assert [str(e) for e in failures] == ["no such article: 7"]
    assert isinstance(bugs[0][0], ZeroDivisionError)
    assert "ZeroDivisionError" in bugs[0][1]


def test_known_error_without_failure_callback_reaches_the_message_hook(qtbot, runner):
    messages: list[str] = []
    runner.on_known_error = lambda exc: messages.append(str(exc))
    with qtbot.waitSignal(runner.idle, timeout=5000):
        Operation(runner, lambda ctx: (_ for _ in ()).throw(InputError("bad OPML"))) \
            .run_in_background()
    assert messages == ["bad OPML"]


def test_progress_arrives_in_order_before_success(qtbot, runner):
    events: list[object] = []

    def work(ctx):
        for i in range(1, 21):
            ctx.progress(i, 20, f"page {i}")
        return "done"

    with qtbot.waitSignal(runner.idle, timeout=5000):
        Operation(runner, work).with_progress(events.append).success(events.append) \
            .run_in_background()
    assert events[-1] == "done"
    progress = [e for e in events if isinstance(e, Progress)]
    assert [p.done for p in progress] == list(range(1, 21))
    assert progress[-1] == Progress(20, 20, "page 20")


def test_twenty_thousand_progress_signals(qtbot, runner):
    count = [0]

    def work(ctx):
        for i in range(20_000):
            ctx.progress(i)
        return True

    with qtbot.waitSignal(runner.idle, timeout=60_000):
        Operation(runner, work).with_progress(lambda p: count.__setitem__(0, count[0] + 1)) \
            .run_in_background()
    assert count[0] == 20_000


def test_cancel_token_stops_the_work_and_reports_cancelled(qtbot, runner):
    started = threading.Event()
    failures: list[KnownError] = []

    def work(ctx):
        started.set()
        while not ctx.cancel.wait(0.01):
            pass
        ctx.raise_if_cancelled()

    token = Operation(runner, work).failure(failures.append).run_in_background()
    assert started.wait(5)
    with qtbot.waitSignal(runner.idle, timeout=5000):
        token.cancel()
    assert len(failures) == 1 and isinstance(failures[0], Cancelled)


def test_latest_wins_drops_the_older_result(qtbot, runner):
    release = threading.Event()
    results: list[str] = []

    def slow(ctx):
        release.wait(5)
        return "old"

    old_token = Operation(runner, slow).success(results.append).latest_wins("open") \
        .run_in_background()
    with qtbot.waitSignal(runner.idle, timeout=5000):
        Operation(runner, lambda ctx: "new").success(results.append).latest_wins("open") \
            .run_in_background()
        release.set()
    assert results == ["new"]
    assert old_token.cancelled


def test_shutdown_with_work_in_flight_cancels_and_waits(qtbot, qapp):
    runner = OperationRunner(max_threads=4)
    started = threading.Barrier(5)
    finished: list[int] = []
    delivered: list[object] = []

    def work(ctx, n):
        started.wait(5)
        while not ctx.cancel.wait(0.01):
            pass
        finished.append(n)
        return n

    for n in range(4):
        Operation(runner, lambda ctx, n=n: work(ctx, n)).success(delivered.append) \
            .failure(delivered.append).run_in_background()
    started.wait(5)
    assert runner.shutdown(timeout_ms=5000)
    assert sorted(finished) == [0, 1, 2, 3]
    qapp.processEvents()
    assert delivered == []  # nothing is delivered into a window that is going away
    # And nothing new starts after shutdown.
    token = Operation(runner, lambda ctx: 1).run_in_background()
    assert token.cancelled
    runner.deleteLater()


def test_worker_threads_keep_their_thread_local_data(qtbot, runner):
    """The library keeps one SQLite connection per thread in a threading.local: a worker
    must not lose it between operations (QThreadPool's QRunnables do, in PySide)."""
    local = threading.local()
    results: list[tuple[int, int]] = []

    def work(ctx):
        local.count = getattr(local, "count", 0) + 1
        return threading.get_ident(), local.count

    for _ in range(20):
        with qtbot.waitSignal(runner.idle, timeout=5000):
            Operation(runner, work).success(results.append).run_in_background()
    per_thread: dict[int, int] = {}
    for ident, count in results:
        per_thread[ident] = max(per_thread.get(ident, 0), count)
    assert len(per_thread) <= runner.max_threads
    assert sum(per_thread.values()) == 20
