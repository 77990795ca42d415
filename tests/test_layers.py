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


# --- imports go down only: export below app, ui and cli ---------------------------------

ABOVE_EXPORT = ("huaibei_reader.app", "huaibei_reader.ui", "huaibei_reader.cli")
GROUND = ("huaibei_reader.models", "huaibei_reader.errors", "huaibei_reader.cancel",
          "huaibei_reader.textsafe", "huaibei_reader.atomicfile")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(path: Path, module: str | None = None) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in ``path`` (the module ``module``), at module
    level or inside a function, relative ones resolved, ``from package import name`` as
    ``package.name``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = (module or _module_name(path)).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[:len(package) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found += [(node.lineno, f"{base}.{a.name}") for a in node.names]
    return sorted(found)


def _forbidden(imports: list[tuple[int, str]], forbidden: tuple[str, ...]) -> list[str]:
    return [f"line {line}: {name}" for line, name in imports
            if any(name == f or name.startswith(f + ".") for f in forbidden)]


def _offenders(modules: list[Path], forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    out = {}
    for path in modules:
        bad = _forbidden(_imported_modules(path), forbidden)
        if bad:
            out[str(path.relative_to(PACKAGE))] = bad
    return out


def test_export_imports_nothing_above_it() -> None:
    modules = sorted((PACKAGE / "export").rglob("*.py"))
    assert len(modules) > 5  # the scan sees the package
    assert _offenders(modules, ABOVE_EXPORT) == {}


def test_the_ground_imports_only_the_ground() -> None:
    ground = [PACKAGE / f"{name.rsplit('.', 1)[1]}.py" for name in GROUND]
    assert all(p.exists() for p in ground)
    above = tuple(f"huaibei_reader.{p.name}" for p in PACKAGE.iterdir()
                  if p.is_dir() and (p / "__init__.py").exists())
    assert _offenders(ground, above) == {}


def test_the_import_scan_sees_imports_inside_functions_and_relative_ones(tmp_path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import json\ndef f():\n    from ..app import pdf\n"
                     "    import huaibei_reader.ui.x\nfrom huaibei_reader.cli import main\n"
                     "from . import document\n", encoding="utf-8")
    imports = _imported_modules(probe, "huaibei_reader.export.probe")
    assert _forbidden(imports, ABOVE_EXPORT) == [
        "line 3: huaibei_reader.app.pdf", "line 4: huaibei_reader.ui.x",
        "line 5: huaibei_reader.cli.main"]
    assert (6, "huaibei_reader.export.document") in imports
