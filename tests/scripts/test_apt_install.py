"""scripts/apt-install.sh (used by setup.sh) waits for a held apt/dpkg lock, with a bound.

apt-get and sudo are stand-ins on PATH that log their calls: the first tries answer as apt
does while another installation holds the lock.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "apt-install.sh"
LOCKED = ("E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 "
          "(unattended-upgr)\nE: Unable to acquire the dpkg frontend lock "
          "(/var/lib/dpkg/lock-frontend), is another process using it?")

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash (Linux, macOS)")


def _stubs(tmp_path: Path, *, locked_calls: int, other_error: str = "") -> Path:
    """apt-get answering 'locked' for its first ``locked_calls`` calls, then succeeding."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    count = tmp_path / "count"
    count.write_text("0")
    (bin_dir / "apt-get").write_text(f"""#!/usr/bin/env bash
n=$(( $(cat {count}) + 1 )); echo $n > {count}
echo "$*" >> {log}
if [ -n "{other_error}" ]; then echo "{other_error}" >&2; exit 100; fi
if [ "$n" -le {locked_calls} ]; then printf '%s\\n' "{LOCKED}" >&2; exit 100; fi
exit 0
""")
    (bin_dir / "sudo").write_text('#!/usr/bin/env bash\nexec "$@"\n')
    for stub in bin_dir.iterdir():
        stub.chmod(0o755)
    return bin_dir


def _run(tmp_path: Path, bin_dir: Path, wait: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "APT_LOCK_WAIT_SECONDS": wait, "APT_LOCK_RETRY_SECONDS": "0.1"}
    return subprocess.run(["bash", str(SCRIPT), "fonts-noto-cjk", "poppler-utils"],
                          capture_output=True, text=True, env=env, timeout=60)


def test_a_held_lock_is_waited_for(tmp_path):
    proc = _run(tmp_path, _stubs(tmp_path, locked_calls=3), wait="30")
    assert proc.returncode == 0, proc.stderr
    calls = (tmp_path / "calls.log").read_text().splitlines()
    # update tried three times while locked, then done; then the install.
    assert [c.split()[-1] for c in calls] == ["-qq"] * 4 + ["poppler-utils"]
    assert all("DPkg::Lock::Timeout=" in c for c in calls)
    assert "install -y -qq fonts-noto-cjk poppler-utils" in calls[-1]
    assert proc.stderr.count("holds its lock; waiting for it (at most 30s)") == 1


def test_the_wait_is_bounded_and_says_why_it_gave_up(tmp_path):
    started = time.monotonic()
    # The deadline is counted in whole seconds from the script's start: 3 s leaves room for
    # several tries even on a loaded machine (1 s could end before the second try).
    proc = _run(tmp_path, _stubs(tmp_path, locked_calls=10_000), wait="3")
    assert time.monotonic() - started < 30  # the bound holds (a generous one: no hang)
    assert proc.returncode == 100
    assert len((tmp_path / "calls.log").read_text().splitlines()) > 1  # it did wait
    lines = proc.stderr.splitlines()
    assert "the apt/dpkg lock was still held after 3s: E: Could not get lock" in lines[-2]
    assert "run this again when the other installation has finished" in lines[-1]


def test_other_failures_are_not_retried(tmp_path):
    proc = _run(tmp_path, _stubs(tmp_path, locked_calls=0,
                                 other_error="E: Unable to locate package nope"), wait="30")
    assert proc.returncode == 100
    assert "E: Unable to locate package nope" in proc.stderr
    assert len((tmp_path / "calls.log").read_text().splitlines()) == 1
