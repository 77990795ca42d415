"""The PyInstaller spec on each platform, run with stand-ins for PyInstaller's build classes.

Only the Linux build can run here; this executes the spec as PyInstaller would on Windows and
macOS too (sys.platform set accordingly) and checks what it asks PyInstaller to make.
"""

from __future__ import annotations

import plistlib
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from huaibei_reader import __version__

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "huaibei-reader.spec"


class Recorder:
    """Keeps the arguments of one PyInstaller build step."""

    made: ClassVar[list[Recorder]] = []

    def __init__(self, *args, **kwargs) -> None:
        self.kind = type(self).__name__
        self.args = args
        self.kwargs = kwargs
        Recorder.made.append(self)


class Analysis(Recorder):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.scripts, self.pure, self.binaries = [], [], []
        self.datas = [(f"{dest}/{Path(src).name}", src, "DATA")
                      for src, dest in kwargs["datas"]]


class PYZ(Recorder):
    pass


class EXE(Recorder):
    pass


class COLLECT(Recorder):
    pass


class BUNDLE(Recorder):
    pass


def run_spec(platform: str, monkeypatch: pytest.MonkeyPatch, workpath: Path) -> list[Recorder]:
    Recorder.made = []
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delenv("HUAIBEI_VERSION", raising=False)
    namespace = {"SPECPATH": str(SPEC.parent), "workpath": str(workpath), "__file__": str(SPEC),
                 "Analysis": Analysis, "PYZ": PYZ, "EXE": EXE, "COLLECT": COLLECT,
                 "BUNDLE": BUNDLE}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return Recorder.made


def _one(made: list[Recorder], kind: str) -> Recorder:
    (found,) = [r for r in made if r.kind == kind]
    return found


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_analysis_takes_every_module_and_the_resources(platform, monkeypatch, tmp_path) -> None:
    analysis = _one(run_spec(platform, monkeypatch, tmp_path), "Analysis")
    hidden = analysis.kwargs["hiddenimports"]
    for module in ("huaibei_reader.app.gui", "huaibei_reader.cli.extract_cmd",
                   "huaibei_reader.ui.main_window", "huaibei_reader.store"):
        assert module in hidden
    datas = dict(analysis.kwargs["datas"])
    manifest = str(REPO / "resources" / "sample-edition" / "manifest.json")
    assert Path(datas[manifest]) == Path("resources/sample-edition")
    assert "PySide6.QtQuick" in analysis.kwargs["excludes"]
    assert "PySide6.QtWidgets" not in analysis.kwargs["excludes"]


def test_linux_makes_one_program_in_utf8_mode(monkeypatch, tmp_path) -> None:
    made = run_spec("linux", monkeypatch, tmp_path)
    (exe,) = [r for r in made if r.kind == "EXE"]
    assert exe.kwargs["name"] == "huaibei-reader"
    assert exe.kwargs["strip"] is True
    assert ("X utf8", None, "OPTION") in exe.args[2]
    assert _one(made, "COLLECT").kwargs["name"] == "huaibei-reader"
    assert not [r for r in made if r.kind == "BUNDLE"]


def test_windows_makes_a_window_program_and_a_console_one(monkeypatch, tmp_path) -> None:
    made = run_spec("win32", monkeypatch, tmp_path)
    exes = {r.kwargs["name"]: r.kwargs for r in made if r.kind == "EXE"}
    assert exes["huaibei-reader"]["console"] is False
    assert exes["huaibei-reader-cli"]["console"] is True
    for kwargs in exes.values():
        assert kwargs["icon"].endswith("app.ico")
        assert kwargs["strip"] is False
        version_text = Path(kwargs["version"]).read_text(encoding="utf-8-sig")
        assert f"'ProductVersion', '{__version__}'" in version_text
    assert len(_one(made, "COLLECT").args) >= 2 + 2  # both programs, binaries, datas


def test_macos_bundles_an_app_with_the_filled_info_plist(monkeypatch, tmp_path) -> None:
    made = run_spec("darwin", monkeypatch, tmp_path)
    bundle = _one(made, "BUNDLE").kwargs
    assert bundle["name"] == "Huaibei Reader.app"
    assert bundle["icon"].endswith("app.icns")
    plist = bundle["info_plist"]
    assert plist["CFBundleShortVersionString"] == __version__
    assert plist["CFBundleExecutable"] == _one(made, "EXE").kwargs["name"]
    assert bundle["bundle_identifier"] == plist["CFBundleIdentifier"]
    assert plistlib.loads(plistlib.dumps(plist))["LSMinimumSystemVersion"]


def test_a_mismatched_version_from_the_build_script_stops_the_build(monkeypatch,
                                                                     tmp_path) -> None:
    monkeypatch.setenv("HUAIBEI_VERSION", "0.0.0-not-this")
    monkeypatch.setattr(sys, "path", list(sys.path))
    Recorder.made = []
    namespace = {"SPECPATH": str(SPEC.parent), "workpath": str(tmp_path),
                 "Analysis": Analysis, "PYZ": PYZ, "EXE": EXE, "COLLECT": COLLECT,
                 "BUNDLE": BUNDLE}
    with pytest.raises(SystemExit, match="HUAIBEI_VERSION"):
        exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
