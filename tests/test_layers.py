"""The house's layers, checked on every import of the package (ast: module level, inside
functions, under TYPE_CHECKING, relative ones resolved).

The order is data, defined once (``TIERS``): a module may import its own package and any
package of a lower tier; a package may import another of its own tier only where
``SIDEWAYS`` says so and why. ``ui`` reaches nothing below ``app`` (it talks to the library,
the network and the exports through app's services). Qt stays in ``ui`` and the Qt modules
of ``app`` (``APP_QT``). No import circle anywhere, and no file or class past its size.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "huaibei_reader"
ROOT = "huaibei_reader"

#: Lowest first. A top-level module (models.py) or package (store/) is named by its stem.
TIERS: tuple[frozenset[str], ...] = (
    frozenset({"__init__", "errors"}),  # the name and version; the known errors
    frozenset({"models", "cancel", "paths", "textsafe", "atomicfile", "logs"}),
    frozenset({"net", "extract", "store", "export", "sources", "demo"}),
    frozenset({"app"}),
    frozenset({"ui", "cli", "__main__"}),
)
#: Imports between packages of one tier, each with its reason.
SIDEWAYS: dict[tuple[str, str], str] = {
    ("sources", "extract"): "a page's title and encoding are read by extract.decode",
    ("sources", "net"): "detection fetches the URL it is given",
    ("cli", "ui"): "no subcommand opens the window (ui.application.run_gui)",
    ("__main__", "cli"): "the program's entry is the command line",
}
#: What a package never imports, even below it.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "ui": ("net", "extract", "store", "export", "sources", "demo"),
}
#: Modules of app that run or need the Qt event loop (operations and the services that
#: return them, the PDF renderer, settings on QSettings); the rest of app is plain Python.
APP_QT = frozenset({"gui", "operations", "pdf", "settings", "library_operations",
                    "reading_service", "marks_service", "source_service", "refresh_service",
                    "export_operations", "window_services"})
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
MAX_FILE_LINES = 600
MAX_CLASS_LINES = 400


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_of(module: str) -> str:
    """The layer unit of a module or of a name imported from one:
    ``huaibei_reader.store.articles`` -> ``store``, ``huaibei_reader.__version__`` ->
    ``__init__`` (the package itself)."""
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__"
    unit = parts[1]
    is_module = (PACKAGE / unit).is_dir() or (PACKAGE / f"{unit}.py").exists()
    return unit if is_module else "__init__"


def _tier(package: str) -> int:
    return next(i for i, tier in enumerate(TIERS) if package in tier)


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


def _own_imports(path: Path) -> list[tuple[int, str]]:
    return [(line, name) for line, name in _imported_modules(path)
            if name == ROOT or name.startswith(ROOT + ".")]


def _violations(module: str, imports: list[tuple[int, str]]) -> list[str]:
    """The imports of ``module`` against the layer order, SIDEWAYS and FORBIDDEN."""
    mine = _package_of(module)
    bad = []
    for line, name in imports:
        theirs = _package_of(name)
        if theirs == mine:
            continue
        if theirs in FORBIDDEN.get(mine, ()):
            bad.append(f"line {line}: {name} ({mine} never imports {theirs})")
        elif _tier(theirs) > _tier(mine):
            bad.append(f"line {line}: {name} ({theirs} is above {mine})")
        elif _tier(theirs) == _tier(mine) and (mine, theirs) not in SIDEWAYS:
            bad.append(f"line {line}: {name} ({mine} and {theirs} are peers)")
    return bad


def test_every_package_has_its_place_in_the_order() -> None:
    placed = set().union(*TIERS)
    units = {_package_of(_module_name(p)) for p in _modules()}
    assert units - placed == set(), "add the new package to TIERS"
    assert {"models", "net", "extract", "store", "export", "sources", "app", "ui",
            "cli"} <= units  # the scan sees the package


def test_no_import_runs_against_the_layer_order() -> None:
    offenders = {}
    for path in _modules():
        bad = _violations(_module_name(path), _own_imports(path))
        if bad:
            offenders[str(path.relative_to(PACKAGE))] = bad
    assert offenders == {}


def test_the_import_scan_sees_imports_inside_functions_and_relative_ones(tmp_path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import json\ndef f():\n    from ..app import pdf\n"
                     "    import huaibei_reader.ui.x\nfrom huaibei_reader.cli import main\n"
                     "from . import document\nfrom huaibei_reader.models import Article\n",
                     encoding="utf-8")
    imports = _imported_modules(probe, "huaibei_reader.export.probe")
    assert (6, "huaibei_reader.export.document") in imports
    assert _violations("huaibei_reader.export.probe", imports) == [
        "line 3: huaibei_reader.app.pdf (app is above export)",
        "line 4: huaibei_reader.ui.x (ui is above export)",
        "line 5: huaibei_reader.cli.main (cli is above export)"]


def test_the_rules_catch_peers_and_what_ui_must_not_touch() -> None:
    assert _violations("huaibei_reader.ui.window", [(1, "huaibei_reader.store.library")]) == [
        "line 1: huaibei_reader.store.library (ui never imports store)"]
    assert _violations("huaibei_reader.store.x", [(2, "huaibei_reader.export.service")]) == [
        "line 2: huaibei_reader.export.service (store and export are peers)"]
    assert _violations("huaibei_reader.errors", [(3, "huaibei_reader.models")]) == [
        "line 3: huaibei_reader.models (models is above errors)"]


# --- no import circle ----------------------------------------------------------------------

def _graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (a name imported from a package is the
    submodule when one exists, else the package)."""
    known = {_module_name(p) for p in _modules()}
    edges: dict[str, set[str]] = defaultdict(set)
    for path in _modules():
        module = _module_name(path)
        for _, name in _own_imports(path):
            target = name
            while target not in known and "." in target:
                target = target.rsplit(".", 1)[0]
            if target in known and target != module:
                edges[module].add(target)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(set(edges) | {t for ts in edges.values() for t in ts}):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle() -> None:
    assert _cycles(_graph()) == []


def test_the_circle_finder_finds_one() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# --- sizes ----------------------------------------------------------------------------------

def test_no_file_is_too_long() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES}
    assert long == {}, f"split past {MAX_FILE_LINES} lines"


def test_no_class_is_too_long() -> None:
    long = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_CLASS_LINES:
                    long[f"{path.relative_to(PACKAGE)}:{node.name}"] = lines
    assert long == {}, f"split classes past {MAX_CLASS_LINES} lines"


# --- Qt only where the event loop is -------------------------------------------------------

def _qt_allowed(path: Path) -> bool:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] == "ui" or (rel.parts[0] == "app" and rel.stem in APP_QT)


def _core_modules() -> list[Path]:
    return [p for p in _modules() if not _qt_allowed(p)]


def test_core_sources_never_import_qt() -> None:
    offenders = {str(p.relative_to(PACKAGE)): qt for p in _core_modules()
                 if (qt := [n for _, n in _imported_modules(p) if n.split(".")[0] in QT_MODULES])}
    assert offenders == {}, f"Qt imported outside ui/ and the Qt app modules: {offenders}"


def test_the_scan_sees_the_core_packages() -> None:
    # Guards the test above against silently scanning nothing.
    rels = {p.relative_to(PACKAGE).parts[0] for p in _core_modules()}
    assert {"net", "sources", "extract", "store", "export", "cli", "models.py", "app"} <= rels


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = []
    for p in _core_modules():
        rel = p.relative_to(PACKAGE).with_suffix("")
        parts = [x for x in rel.parts if x != "__init__"]
        if parts and parts[-1] == "__main__":
            continue
        modules.append(".".join([ROOT, *parts]))
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
