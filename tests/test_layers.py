"""The layering rule: only the UI and the Qt parts of the composition root import Qt.

Core code (net, sources, extract, store, export, models, cli, demo, the headless services)
must run without a display; the CLI, benchmarks and tests depend on it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "huaibei_reader"
QT_ALLOWED = {
    "ui",
    "app/gui.py",
    "app/operations.py",
    "app/pdf.py",
    "app/settings.py",
}
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _allowed(rel: Path) -> bool:
    rel_s = rel.as_posix()
    return rel_s in QT_ALLOWED or rel.parts[0] in QT_ALLOWED


def _core_modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if not _allowed(p.relative_to(PACKAGE))]


def _qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found += [n for n in names if n.split(".")[0] in QT_MODULES]
    return found


def test_core_sources_never_import_qt() -> None:
    offenders = {str(p.relative_to(PACKAGE)): _qt_imports(p) for p in _core_modules()}
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}, f"Qt imported outside ui/ and the Qt app modules: {offenders}"


def test_the_scan_sees_the_core_packages() -> None:
    # Guards the test above against silently scanning nothing.
    rels = {p.relative_to(PACKAGE).parts[0] for p in _core_modules()}
    assert {"net", "sources", "extract", "store", "export", "cli", "models.py"} <= rels


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = []
    for p in _core_modules():
        rel = p.relative_to(PACKAGE).with_suffix("")
        parts = [x for x in rel.parts if x != "__init__"]
        if parts and parts[-1] == "__main__":
            continue
        modules.append(".".join(["huaibei_reader", *parts]))
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}]\n"
        "print(','.join(bad))\n"
    )
    env_path = str(PACKAGE.parent)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"}, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"Qt loaded by core imports: {out.stdout.strip()}"
