"""The refresh's worker pool: results and errors through futures, and a worker stuck in the
network never holds the process open (the CLI and the window exit at once after a cancel)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from huaibei_reader.app.daemon_pool import DaemonPool

SRC = Path(__file__).resolve().parents[2] / "src"


def test_results_errors_and_cancelled_queued_work():
    pool = DaemonPool(2, "test")
    assert pool.submit(lambda a, b: a + b, 2, 3).result(timeout=5) == 5
    with pytest.raises(ZeroDivisionError):
        pool.submit(lambda: 1 / 0).result(timeout=5)
    gate = threading.Event()
    running = threading.Semaphore(0)

    def hold() -> bool:
        running.release()
        return gate.wait(10)

    busy = [pool.submit(hold) for _ in range(2)]
    assert running.acquire(timeout=5) and running.acquire(timeout=5)  # both threads busy
    queued = pool.submit(lambda: "never")
    pool.shutdown(cancel_futures=True)
    assert queued.cancelled()
    gate.set()
    assert all(f.result(timeout=5) for f in busy)
    with pytest.raises(RuntimeError):
        pool.submit(lambda: None)


def test_at_most_the_given_number_of_threads_run():
    pool = DaemonPool(3, "test")
    gate = threading.Event()
    names: set[str] = set()
    lock = threading.Lock()

    def work() -> None:
        with lock:
            names.add(threading.current_thread().name)
        gate.wait(10)

    futures = [pool.submit(work) for _ in range(10)]
    gate.set()
    for f in futures:
        f.result(timeout=10)
    pool.shutdown(wait=True)
    assert 1 <= len(names) <= 3


def test_a_stuck_worker_does_not_hold_the_process():
    script = textwrap.dedent("""
        import threading
        from huaibei_reader.app.daemon_pool import DaemonPool
        started = threading.Event()
        pool = DaemonPool(2, "stuck")
        pool.submit(lambda: (started.set(), threading.Event().wait()))
        started.wait(10)
        pool.shutdown()
        print("leaving")
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={"PYTHONPATH": str(SRC)}, timeout=30)
    assert proc.returncode == 0 and proc.stdout.strip() == "leaving", proc.stderr
