"""The command-line contract's common behaviour: version, errors as one line, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from huaibei_reader import __version__
from huaibei_reader.cli.main import main

SRC = Path(__file__).resolve().parents[2] / "src"


def test_version_prints_the_one_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"huaibei-reader {__version__}"


def test_every_contract_subcommand_is_registered(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("extract", "discover", "sources", "refresh", "list", "show", "search",
                    "bookmark", "unbookmark", "clip", "cite", "export", "reextract", "backup"):
        assert command in out


def test_a_known_error_is_one_line_and_exit_1(tmp_path: Path) -> None:
    # An unreadable input file is a known error: one line on stderr, no traceback.
    proc = subprocess.run(
        [sys.executable, "-m", "huaibei_reader", "--data-dir", str(tmp_path),
         "show", "987654"],
        capture_output=True, text=True, env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert proc.stderr.startswith("huaibei-reader: ")
    assert proc.stdout == ""


def test_python_dash_m_runs_the_same_command() -> None:
    proc = subprocess.run([sys.executable, "-m", "huaibei_reader", "--version"],
                          capture_output=True, text=True,
                          env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"huaibei-reader {__version__}"


def test_a_mistyped_address_is_not_a_web_address(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "huaibei_reader", "--data-dir", str(tmp_path),
         "sources", "add", "htps//www.morang,cn"],
        capture_output=True, text=True, env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "huaibei-reader: not a web address (give an http or https URL): htps//www.morang,cn"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland systems only")
@pytest.mark.parametrize("argv", [[], ["--demo"]])
def test_without_a_display_the_window_command_says_so_in_one_line(tmp_path: Path, argv):
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    # No DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM: what a server or an ssh session has.
    proc = subprocess.run([sys.executable, "-m", "huaibei_reader", "--data-dir", str(tmp_path),
                           *argv], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "huaibei-reader: no display found; use --help for the command line"]
    assert proc.stdout == ""
    assert "qt.qpa" not in proc.stderr and "plugin" not in proc.stderr
