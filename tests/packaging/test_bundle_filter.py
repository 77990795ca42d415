"""What the frozen app leaves out (packaging/bundle_filter.py), on PyInstaller-shaped lists."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def bf(tools):
    return tools("bundle_filter.py")


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "PySide6/Qt/lib/libQt6Svg.so.6",
    "PySide6/Qt/lib/libicudata.so.73",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforms/qwindows.dll",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/wayland-decoration-client/libadwaita.so",
    "PySide6/Qt/plugins/styles/qmodernwindowsstyle.dll",
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "PySide6/Qt/translations/qt_zh_CN.qm",
    "PySide6/QtWidgets.abi3.so",
    "resources/translations/huaibei_reader_zh_CN.qm",
    "lxml/etree.cpython-312-x86_64-linux-gnu.so",
    "libpython3.12.so.1.0",
    "libssl.so.3",
])
def test_what_the_app_needs_ships(bf, dest: str) -> None:
    assert bf.keep(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6Qml.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libQt6Network.so.6",
    "PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6",
    "PySide6\\Qt6Quick.dll",
    "PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick",
    "PySide6/Qt/lib/QtWebEngineCore.framework/Versions/A/QtWebEngineCore",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/libdmabuf-server.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
    "PySide6/Qt/lib/libQt6OpenGL.so.6",
    "PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/qml/QtQuick/Controls/qmldir",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qtdeclarative_zh_CN.qm",
    "libstdc++.so.6",
    "libgcc_s.so.1",
    "libfontconfig.so.1",
    "libX11.so.6",
    "libxcb-icccm.so.4",
    "libglib-2.0.so.0",
])
def test_what_the_app_does_not_use_stays_out(bf, dest: str) -> None:
    assert not bf.keep(dest)


def test_the_excluded_modules_never_include_what_the_window_imports(bf) -> None:
    excluded = set(bf.EXCLUDED_MODULES)
    for needed in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg",
                   "PySide6.QtPrintSupport", "lxml.etree", "lxml.html", "lxml.cssselect"):
        assert needed not in excluded


def test_symlinks_to_dropped_libraries_go_too(bf) -> None:
    binaries = [
        ("PySide6/Qt/lib/libQt6Core.so.6", "/x/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Quick.so.6", "/x/libQt6Quick.so.6", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
    ]
    kept, _, _ = bf.filter_binaries(binaries, needed_of=lambda entry: [])
    assert [e[0] for e in kept] == ["PySide6/Qt/lib/libQt6Core.so.6", "libQt6Core.so.6"]


def test_a_dropped_qt_library_that_a_shipped_binary_links_comes_back(bf) -> None:
    # macOS-shaped: the cocoa plugin links QtOpenGL, which links QtNetwork (say); both must
    # ship although the name rules leave them out. A system library never comes back.
    links = {
        "/w/qcocoa.dylib": ["@rpath/QtOpenGL.framework/Versions/A/QtOpenGL",
                            "/usr/lib/libc++.1.dylib"],
        "/w/QtOpenGL": ["@rpath/QtNetwork.framework/Versions/A/QtNetwork"],
        "/w/libqxcb.so": ["libX11.so.6"],
    }
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", "/w/qcocoa.dylib", "BINARY"),
        ("PySide6/Qt/lib/QtOpenGL.framework/Versions/A/QtOpenGL", "/w/QtOpenGL", "BINARY"),
        ("PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork", "/w/QtNetwork", "BINARY"),
        ("PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick", "/w/QtQuick", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/w/libqxcb.so", "BINARY"),
        ("libX11.so.6", "/w/libX11.so.6", "BINARY"),
    ]
    kept, _, rescued = bf.filter_binaries(binaries,
                                          needed_of=lambda entry: links.get(entry[1], []))
    assert sorted(rescued) == ["QtNetwork", "QtOpenGL"]
    names = [Path(e[0]).name for e in kept]
    assert "QtQuick" not in names and "libX11.so.6" not in names
    assert {"libqcocoa.dylib", "QtOpenGL", "QtNetwork"} <= set(names)


@pytest.mark.parametrize("name", ["opengl32sw.dll", "d3dcompiler_47.dll", "libEGL.dll",
                                  "libGLESv2.dll"])
def test_windows_software_opengl_stays_out(bf, name: str) -> None:
    assert not bf.keep(f"PySide6/{name}")


def _loaded_library(fragment: str) -> Path:
    for line in Path("/proc/self/maps").read_text().splitlines():
        path = line.split()[-1]
        if fragment in Path(path).name and Path(path).is_file():
            return Path(path)
    pytest.skip(f"{fragment} is not loaded in this process")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries: Linux only")
def test_elf_needed_reads_the_dynamic_section(bf) -> None:
    import _ssl

    needed = bf.elf_needed(Path(_ssl.__file__))
    if needed is None or not any(n.startswith("libssl") for n in needed):
        pytest.skip("this Python's _ssl links OpenSSL statically")
    assert any(n.startswith("libcrypto") for n in needed)
    assert bf.elf_needed(Path(__file__)) is None  # not ELF


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries: Linux only")
def test_prune_keeps_what_a_root_needs_and_drops_the_rest(bf) -> None:
    import _ssl
    import sqlite3  # noqa: F401 - loads libsqlite3 when this Python links it dynamically

    needed = bf.elf_needed(Path(_ssl.__file__)) or []
    ssl_name = next((n for n in needed if n.startswith("libssl")), None)
    if ssl_name is None:
        pytest.skip("this Python's _ssl links OpenSSL statically")
    libssl = _loaded_library("libssl")
    libcrypto = _loaded_library("libcrypto")
    unrelated = _loaded_library("libsqlite3")
    crypto_name = next(n for n in needed if n.startswith("libcrypto"))
    binaries = [
        ("python3/lib-dynload/" + Path(_ssl.__file__).name, _ssl.__file__, "EXTENSION"),
        (ssl_name, str(libssl), "BINARY"),
        (crypto_name, str(libcrypto), "BINARY"),
        ("libsqlite3.so.0", str(unrelated), "BINARY"),
    ]
    kept, pruned = bf.prune_orphans(binaries)
    assert pruned == ["libsqlite3.so.0"]
    assert [e[0] for e in kept] == [e[0] for e in binaries[:3]]


def test_a_left_out_framework_leaves_no_resources_behind(bf) -> None:
    binaries = [("PySide6/Qt/lib/QtCore.framework/Versions/A/QtCore", "/w/QtCore", "BINARY")]
    datas = [
        ("PySide6/Qt/lib/QtCore.framework/Resources/Info.plist", "/w/a", "DATA"),
        ("PySide6/Qt/lib/QtQuick.framework/Resources/Info.plist", "/w/b", "DATA"),
        ("resources/sites/morang.toml", "/w/c", "DATA"),
    ]
    assert [e[0] for e in bf.filter_datas(datas, binaries)] == [datas[0][0], datas[2][0]]
