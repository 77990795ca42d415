"""Smoke-test a frozen Huaibei Reader: the same three checks on every platform.

    python packaging/smoke_test.py dist/huaibei-reader/huaibei-reader
    python packaging/smoke_test.py dist/huaibei-reader/huaibei-reader-cli.exe      (Windows)
    python packaging/smoke_test.py "dist/Huaibei Reader.app/Contents/MacOS/huaibei-reader"

1. `--version` prints the project's version;
2. `extract` on a sample-edition article taken from inside the bundle (so the resources were
   bundled, and a GBK page, so the Chinese codecs were too) gives that article's title;
3. `--self-test` opens the window offscreen on the sample edition and exits 0.

Needs only the standard library (CI runs it with the runner's Python). Prints one line per
check and, last, a JSON summary with the timings; exits 1 if any check failed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 180  # seconds per command: a cold first start on a CI runner can be slow


@dataclass
class Check:
    name: str
    ok: bool
    seconds: float
    detail: str = ""
    skipped: bool = False


@dataclass
class Report:
    executable: str
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def project_version() -> str:
    text = (REPO / "src" / "huaibei_reader" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        raise SystemExit("smoke_test: no __version__ in src/huaibei_reader/__init__.py")
    return match.group(1)


def bundled_resources(executable: Path) -> Path | None:
    """resources/ inside the frozen app: beside the program (Linux, Windows) or in the .app."""
    base = executable.resolve().parent
    for candidate in (base / "_internal" / "resources", base / "resources",
                      base.parent / "Resources" / "resources",
                      base.parent / "Frameworks" / "resources"):
        if (candidate / "sample-edition" / "manifest.json").is_file():
            return candidate
    return None


def sample_article(resources: Path) -> tuple[Path, str]:
    """A sample-edition article file (a GBK one when the manifest lists one) and its title."""
    manifest = json.loads((resources / "sample-edition" / "manifest.json")
                          .read_text(encoding="utf-8"))
    articles = {a["path"]: a for a in manifest["articles"]}
    preferred = [p for p in manifest.get("gbk_pages", []) if p in articles] or list(articles)
    path = preferred[0]
    return resources / "sample-edition" / path.lstrip("/"), articles[path]["title"]


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, timeout=TIMEOUT, env=env,
                          stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    return (proc.returncode, proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"), seconds)


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def check_version(exe: Path, env: dict[str, str]) -> Check:
    expected = f"huaibei-reader {project_version()}"
    code, out, err, seconds = run([str(exe), "--version"], env)
    ok = code == 0 and out.strip() == expected
    return Check("version", ok, seconds,
                 out.strip() if ok else f"exit {code}, stdout {out.strip()!r}, "
                                        f"expected {expected!r}; {_last_line(err)}")


def check_extract(exe: Path, env: dict[str, str], data_dir: Path) -> Check:
    resources = bundled_resources(exe)
    if resources is None:
        return Check("extract", False, 0.0, "no resources/sample-edition inside the bundle")
    page, title = sample_article(resources)
    code, out, err, seconds = run([str(exe), "--data-dir", str(data_dir), "extract",
                                   str(page), "--format", "jsonl"], env)
    if code != 0:
        return Check("extract", False, seconds, f"exit {code}: {_last_line(err)}")
    try:
        article = json.loads(out.strip().splitlines()[0])
    except (ValueError, IndexError):
        return Check("extract", False, seconds, f"not JSON lines: {out[:200]!r}")
    got = article.get("title")
    text = article.get("text") or ""
    ok = got == title and len(text) >= 100
    detail = (f"{page.name}: {title} ({len(text)} characters)" if ok else
              f"{page.name}: title {got!r}, expected {title!r}; {len(text)} characters of text")
    return Check("extract", ok, seconds, detail)


def check_self_test(exe: Path, env: dict[str, str], data_dir: Path) -> Check:
    env = dict(env, QT_QPA_PLATFORM="offscreen")
    code, out, err, seconds = run([str(exe), "--data-dir", str(data_dir), "--self-test"], env)
    ok = code == 0
    return Check("self-test", ok, seconds,
                 _last_line(out) or "exit 0" if ok else
                 f"exit {code}: {_last_line(err) or _last_line(out)}")


def smoke_test(executable: Path, *, self_test: bool = True) -> Report:
    exe = executable.resolve()
    report = Report(str(exe))
    if not exe.is_file():
        report.checks.append(Check("version", False, 0.0, f"{exe} does not exist"))
        return report
    env = dict(os.environ)
    env.pop("HUAIBEI_READER_DEBUG", None)
    env["PYTHONIOENCODING"] = "utf-8"  # Windows consoles: stdout stays UTF-8 JSON
    with tempfile.TemporaryDirectory(prefix="huaibei-smoke-") as tmp:
        report.checks.append(check_version(exe, env))
        report.checks.append(check_extract(exe, env, Path(tmp) / "extract-data"))
        if self_test:
            report.checks.append(check_self_test(exe, env, Path(tmp) / "self-test-data"))
        else:
            report.checks.append(Check("self-test", True, 0.0, "skipped (--skip-self-test)",
                                       skipped=True))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("executable", type=Path)
    parser.add_argument("--skip-self-test", action="store_true",
                        help="only while the window's --self-test is not in the app yet")
    args = parser.parse_args(argv)
    report = smoke_test(args.executable, self_test=not args.skip_self_test)
    for check in report.checks:
        status = "skip" if check.skipped else ("ok  " if check.ok else "FAIL")
        print(f"{status} {check.name:9} {check.seconds:6.2f} s  {check.detail}")
    print(json.dumps({"ok": report.ok, **asdict(report)}, ensure_ascii=False))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
