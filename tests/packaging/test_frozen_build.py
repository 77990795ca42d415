"""The Linux frozen app, built with the one build command and smoke-tested like CI does.

Builds once per session into a temporary folder (about a minute on two cores), then checks
the bundle's contents, its size, the smoke test (--version, extract, --self-test), that the
frozen command line answers exactly as the source does, and the tarball with its installer.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from huaibei_reader import __version__

pytestmark = [pytest.mark.packaging, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
APP_ID = "io.github.huaibei_reader.HuaibeiReader"
# The bundle measured 116.5 MiB when this was written (a default PyInstaller build: 192 MB).
# A jump past this means something unused came back in: look at bundle_filter.py.
SIZE_LIMIT_MIB = 125


@dataclass
class Build:
    dist: Path
    seconds: float
    log: str

    @property
    def folder(self) -> Path:
        return self.dist / "huaibei-reader"

    @property
    def exe(self) -> Path:
        return self.folder / "huaibei-reader"

    @property
    def tarball(self) -> Path:
        return next(self.dist.glob(f"huaibei-reader-{__version__}-linux-*.tar.gz"))


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    if not sys.platform.startswith("linux"):
        pytest.skip("builds the Linux bundle; Windows and macOS are built by release.yml")
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[package]')")
    out = tmp_path_factory.mktemp("frozen")
    env = dict(os.environ, PYTHON=sys.executable, HUAIBEI_DIST_DIR=str(out / "dist"),
               HUAIBEI_BUILD_DIR=str(out / "build"))
    start = time.perf_counter()
    proc = subprocess.run([str(REPO / "packaging" / "build-linux.sh")], env=env,
                          capture_output=True, text=True, timeout=1500)
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    print(f"\nfrozen build: {seconds:.0f} s")
    return Build(out / "dist", seconds, proc.stdout + proc.stderr)


def _size_mib(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*")) / 2**20


def _smoke(tools):
    return tools("smoke_test.py")


def test_smoke_test_passes_on_the_frozen_app(build: Build, tools) -> None:
    report = _smoke(tools).smoke_test(build.exe)
    summary = {c.name: (c.ok, round(c.seconds, 2), c.detail) for c in report.checks}
    print(f"\nsmoke test: {summary}")
    assert report.ok, summary
    assert [c.name for c in report.checks] == ["version", "extract", "self-test"]
    assert not any(c.skipped for c in report.checks)


def test_the_bundle_holds_resources_and_only_the_qt_it_uses(build: Build) -> None:
    internal = build.folder / "_internal"
    resources = internal / "resources"
    for needed in ("sample-edition/manifest.json", "sites/morang.toml", "icons/app.svg",
                   "translations/huaibei_reader_zh_CN.qm"):
        assert (resources / needed).is_file(), needed
    qt = internal / "PySide6" / "Qt"
    assert sorted(p.name for p in (qt / "translations").iterdir()) == ["qt_zh_CN.qm",
                                                                       "qtbase_zh_CN.qm"]
    assert (qt / "plugins" / "platforms" / "libqxcb.so").is_file()
    assert (qt / "plugins" / "platforms" / "libqoffscreen.so").is_file()
    assert (qt / "plugins" / "platforminputcontexts").is_dir()  # ibus/fcitx for Chinese input
    names = {p.name for p in internal.rglob("*")}
    for unused in ("libQt6Quick.so.6", "libQt6Qml.so.6", "libQt6Pdf.so.6",
                   "libQt6Network.so.6", "libqgtk3.so", "libstdc++.so.6", "libX11.so.6"):
        assert unused not in names, unused
    assert not [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    size = _size_mib(build.folder)
    print(f"\nbundle: {size:.1f} MiB")
    assert size < SIZE_LIMIT_MIB


def test_frozen_command_line_answers_like_the_source(build: Build, tmp_path: Path) -> None:
    page = next((REPO / "resources" / "sample-edition" / "news").rglob("*.html"))
    command = ["extract", str(page), "--format", "jsonl"]
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    env.pop("HUAIBEI_READER_DEBUG", None)
    source = subprocess.run([sys.executable, "-m", "huaibei_reader",
                             "--data-dir", str(tmp_path / "a"), *command],
                            capture_output=True, env=env, timeout=120)
    frozen = subprocess.run([str(build.exe), "--data-dir", str(tmp_path / "b"), *command],
                            capture_output=True, env=env, timeout=120)
    assert (frozen.returncode, frozen.stdout) == (source.returncode, source.stdout)
    assert json.loads(frozen.stdout)["title"]


def test_a_known_error_stays_one_line_in_the_frozen_app(build: Build, tmp_path: Path) -> None:
    proc = subprocess.run([str(build.exe), "extract", str(tmp_path / "missing.html")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("huaibei-reader: ")


def test_frozen_app_refreshes_over_http_and_exports_every_format(build: Build,
                                                                 tmp_path: Path) -> None:
    # The paths the smoke test does not reach: requests/urllib3 against a server, the library,
    # search, and the exports (DOCX through python-docx, PDF through Qt's QPdfWriter). A module
    # left out of the bundle by mistake shows up here as an ImportError.
    from support.local import allow_local_sources

    from huaibei_reader.demo.server import SampleEditionServer

    allow_local_sources(tmp_path / "library")  # the edition is served on 127.0.0.1
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("HUAIBEI_READER_DEBUG", None)
    data = ["--data-dir", str(tmp_path / "library")]

    def frozen(*args: str) -> str:
        proc = subprocess.run([str(build.exe), *data, *args], capture_output=True, text=True,
                              env=env, timeout=300)
        assert proc.returncode == 0, f"{args}: {proc.stderr[-1500:]}"
        return proc.stdout

    with SampleEditionServer(None, host="127.0.0.1", port=0) as server:
        frozen("sources", "add", server.url("/"), "--name", "示例")
        frozen("refresh")
    listed = json.loads(frozen("list", "--json"))
    assert len(listed) >= 10
    article = str(listed[0]["id"])
    assert json.loads(frozen("search", "相山", "--json"))
    frozen("bookmark", article, "--tag", "测试")
    title = listed[0]["title"]
    exported = {}
    for fmt in ("md", "html", "txt", "json", "pdf", "docx", "warc"):
        out = tmp_path / f"article.{fmt}"
        frozen("export", article, "--format", fmt, "-o", str(out))
        exported[fmt] = out.read_bytes()
    for fmt in ("md", "html", "txt"):
        assert title in exported[fmt].decode("utf-8"), fmt
    assert title in json.dumps(json.loads(exported["json"]), ensure_ascii=False)
    assert exported["pdf"].startswith(b"%PDF")
    assert exported["docx"].startswith(b"PK")  # a zip, as every .docx
    assert len(exported["warc"]) > 0


def test_tarball_unpacks_and_installs_for_one_user(build: Build, tmp_path: Path) -> None:
    with tarfile.open(build.tarball) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (top,) = (tmp_path / "unpacked").iterdir()
    assert top.name == build.tarball.name.removesuffix(".tar.gz")
    assert (top / f"share/applications/{APP_ID}.desktop").is_file()
    assert (top / f"share/icons/hicolor/256x256/apps/{APP_ID}.png").is_file()
    metainfo = (top / f"share/metainfo/{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    assert f'<release version="{__version__}"' in metainfo

    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    proc = subprocess.run([str(top / "install.sh")], env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    installed = home / ".local/opt/huaibei-reader/huaibei-reader"
    desktop = home / f".local/share/applications/{APP_ID}.desktop"
    assert f'Exec="{installed}"' in desktop.read_text(encoding="utf-8")
    link = home / ".local/bin/huaibei-reader"
    version = subprocess.run([str(link), "--version"], capture_output=True, text=True,
                             timeout=120)
    assert version.stdout.strip() == f"huaibei-reader {__version__}"

    proc = subprocess.run([str(top / "install.sh"), "--uninstall"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert not installed.exists() and not link.exists() and not desktop.exists()
    assert not list((home / ".local/share/icons").rglob(f"{APP_ID}.*"))
