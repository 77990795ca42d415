"""The command line's edges (issues 17 and 18): numbers beyond SQLite's integers, a query that
starts with '-', text arguments that are not UTF-8, and local files with no end."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from huaibei_reader.cli.local_files import MAX_PAGE_FILE
from huaibei_reader.cli.main import main
from huaibei_reader.models import Article, Block, BlockKind
from huaibei_reader.store import Library

SRC = Path(__file__).resolve().parents[2] / "src"
HUGE = "99999999999999999999"  # > 2^63
RSS_GUARD_MB = 400  # the cap is 50 MB: catches a command that reads the whole input


def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(tmp_path), *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "internal error" not in err and "Traceback" not in err
    return lines[0]


@pytest.fixture
def one_article(tmp_path: Path) -> int:
    with Library.open(tmp_path / "library.sqlite3") as library:
        saved = library.articles.save(Article(
            url="https://news.example/1.html", title="寒潮来袭",
            blocks=(Block(BlockKind.PARAGRAPH, text="夜间最低气温 -5°C，请注意保暖。"),)),
            source_id=None, fetched_at=datetime.now(UTC))
        return saved.id


# -- numbers --------------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["show", HUGE], ["bookmark", HUGE], ["unbookmark", HUGE], ["cite", HUGE],
    ["clip", HUGE, "--quote", "气温"], ["export", HUGE, "--format", "md", "-o", "x.md"],
    ["show", "-" + HUGE], ["show", "9223372036854775808"],
])
def test_an_id_beyond_any_article_is_no_article(tmp_path, capsys, one_article, argv):
    code, out, err = run(tmp_path, capsys, *argv)
    assert code == 1 and out == ""
    assert _one_line(err).startswith("huaibei-reader: no article with id ")


def test_the_largest_possible_id_is_still_an_ordinary_unknown_id(tmp_path, capsys, one_article):
    code, _, err = run(tmp_path, capsys, "show", str(2**63 - 1))
    assert code == 1 and _one_line(err) == f"huaibei-reader: no article with id {2**63 - 1}"


@pytest.mark.parametrize("command", [["list"], ["search", "气温"]])
def test_a_limit_beyond_sqlite_is_too_large_and_a_negative_one_refused(tmp_path, capsys,
                                                                      one_article, command):
    code, _, err = run(tmp_path, capsys, *command, "--limit", HUGE)
    assert code == 1 and _one_line(err).startswith("huaibei-reader: --limit too large")
    code, _, err = run(tmp_path, capsys, *command, "--limit", "-3")
    assert code == 1 and _one_line(err) == "huaibei-reader: --limit must be 0 or more"
    code, out, _ = run(tmp_path, capsys, *command, "--limit", str(2**63 - 1), "--json")
    assert code == 0 and "寒潮来袭" in out


# -- a query that starts with '-' -----------------------------------------------------------

def test_a_query_starting_with_a_dash_goes_after_double_dash(tmp_path, capsys, one_article):
    with pytest.raises(SystemExit):
        main(["--data-dir", str(tmp_path), "search", "-5°C"])  # taken as an option
    assert "required: query" in capsys.readouterr().err
    code, out, err = run(tmp_path, capsys, "search", "--json", "--", "-5°C")
    assert code == 0, err
    assert '"寒潮来袭"' in out
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    assert "search -- -5°C" in capsys.readouterr().out


def test_the_readme_documents_double_dash():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "search -- -" in readme


# -- text that is not UTF-8 -----------------------------------------------------------------

@pytest.mark.parametrize(("argv", "what"), [
    (["search", "淮北\udcff"], "the search query"),
    (["bookmark", "1", "--note", "\udcfe"], "the note"),
    (["clip", "1", "--quote", "气温\udcff"], "the quote"),
    (["sources", "add", "http://x\udcff.example/"], "the address"),
    (["sources", "rename", "1", "新\udcff"], "the new name"),
    (["list", "--source", "\udcff"], "--source"),
    (["refresh", "--source", "\udcff"], "--source"),
])
def test_text_arguments_that_are_not_utf8_are_one_clear_line(tmp_path, capsys, one_article,
                                                             argv, what):
    code, out, err = run(tmp_path, capsys, *argv)
    assert code == 1 and out == ""
    line = _one_line(err)
    assert line.startswith(f"huaibei-reader: {what} is not valid text: it holds bytes that "
                           "are not UTF-8")
    assert "\\xff" in line or "\\xfe" in line


def test_undecodable_bytes_from_a_real_command_line(tmp_path):
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"huaibei_reader", b"--data-dir",
         os.fsencode(tmp_path), b"search", b"\xe6\xb7\xae\xff"],
        capture_output=True, env={"PYTHONPATH": str(SRC), "LC_ALL": "C.UTF-8"}, timeout=60)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 1
    assert _one_line(err) == ("huaibei-reader: the search query is not valid text: it holds "
                              "bytes that are not UTF-8 (淮\\xff); check the terminal's "
                              "character set")


# -- local files with no end ----------------------------------------------------------------

# Runs the command line and writes its own peak memory (KiB) to a file at exit.
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


def _cli(tmp_path: Path, *argv: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """The command's result and its peak memory in MB."""
    report = tmp_path / "peak-kib.txt"
    proc = subprocess.run([sys.executable, "-c", _MEASURED, str(report), "--data-dir",
                           str(tmp_path / "data"), *argv], capture_output=True, text=True,
                          env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}, timeout=60)
    return proc, int(report.read_text()) / 1024


def _endless_inputs(tmp_path: Path) -> list[str]:
    big = tmp_path / "two-gib.html"
    with open(big, "wb") as fh:  # sparse: costs no disk
        fh.truncate(2 * 1024**3)
    return [str(big)] + (["/dev/zero"] if Path("/dev/zero").exists() else [])


@pytest.mark.parametrize("command", ["extract", "discover"])
def test_an_endless_or_huge_page_file_is_refused_past_the_cap(tmp_path, command):
    for path in _endless_inputs(tmp_path):
        proc, peak_mb = _cli(tmp_path, command, path)
        assert proc.returncode == 1
        errors = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        assert len(errors) == 1 and "Traceback" not in proc.stderr
        assert f"is larger than {MAX_PAGE_FILE // 1024**2} MB" in errors[0]
        assert peak_mb < RSS_GUARD_MB, f"{command} {path}: {peak_mb:.0f} MB"


def test_sources_import_of_an_endless_file_ends_with_one_line(tmp_path):
    for path in _endless_inputs(tmp_path):
        proc, _ = _cli(tmp_path, "sources", "import", path)
        assert proc.returncode == 1
        assert _one_line(proc.stderr) == (f"huaibei-reader: {path} is larger than 10 MB, too "
                                          "large for an OPML file (or it never ends)")
