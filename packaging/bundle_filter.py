"""What the frozen app leaves out: unused Qt libraries, plugins and translations, and the
system libraries only they needed.

Used by huaibei-reader.spec on the lists PyInstaller's Analysis makes (entries are
`(dest_name, src_path, typecode)`), and by the packaging tests. Plain Python, no PyInstaller.
"""

from __future__ import annotations

import posixpath
import re
import struct
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePath

# Qt modules the app never uses. Excluding the Python module also drops its Qt library,
# plugins and translations. QtNetwork too: HTTP goes through requests in net/, and images
# come from the library. (QtDBus: only its Python binding goes; Qt's own D-Bus library stays,
# Qt Gui needs it for the desktop portal and input methods.)
QT_UNUSED_MODULES = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCanvasPainter", "QtCharts", "QtConcurrent", "QtDataVisualization",
    "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLocation",
    "QtDBus", "QtMultimedia", "QtMultimediaWidgets", "QtNetwork", "QtNetworkAuth", "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtQml", "QtQuick",
    "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects",
    "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql",
    "QtStateMachine", "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel",
    "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtWebView",
    "QtXml",
)
OTHER_UNUSED_MODULES = (
    # Toolkits and development tools that libraries import optionally.
    "tkinter", "_tkinter", "PyQt5", "PyQt6", "IPython", "matplotlib", "numpy", "pytest",
    "hypothesis", "pydoc_data", "lib2to3", "setuptools", "pip",
    # Optional accelerators and terminal helpers a window app does without (urllib3 falls
    # back to gzip/deflate without brotli).
    "brotli", "_brotli", "brotlicffi", "readline", "rlcompleter",
    # requests detects charsets with charset_normalizer (a dependency) when chardet is absent.
    "chardet",
    # Development tools that libraries import only in their self-tests or debug helpers
    # (warcio.timeutils runs doctest under __main__; defusedxml's xmlrpc patching is opt-in),
    # and decimal's pure-Python twin of the _decimal extension that ships.
    "doctest", "pdb", "unittest", "pydoc", "xmlrpc.server", "_pydecimal",
    # Parts of lxml the app does not use (the lxml hook takes every submodule).
    "lxml.objectify", "lxml.isoschematron", "lxml.usedoctest", "lxml.doctestcompare",
    "lxml.html.usedoctest", "lxml.html.soupparser", "lxml.html.html5parser",
    "lxml.html.clean", "lxml_html_clean",
)
EXCLUDED_MODULES = [f"PySide6.{m}" for m in QT_UNUSED_MODULES] + list(OTHER_UNUSED_MODULES)

# Qt shared libraries that come along with kept modules but serve only unused features.
# Matched in the file name: libQt6Quick.so.6, Qt6Quick.dll, QtQuick (inside a .framework).
QT_LIBS_UNUSED = re.compile(
    r"Qt6?(Qml|Quick|Pdf|VirtualKeyboard|WebEngine|Multimedia|3D|Charts|Designer|Sql|Test|"
    r"Labs|Lottie|Wayland(Compositor|Egl)|EglFs|ShaderTools|VectorImage|Network|OpenGL)",
    re.IGNORECASE,
)
# Qt plugins: only these folders, and within them not these plugins.
QT_PLUGIN_DIRS = frozenset({
    "platforms", "platformthemes", "platforminputcontexts", "imageformats", "iconengines",
    "styles", "xcbglintegrations", "wayland-decoration-client",
    "wayland-graphics-integration-client", "wayland-shell-integration", "printsupport",
})
QT_PLUGIN_DROPPED = re.compile(
    r"(qeglfs|qlinuxfb|qminimal|qminimalegl|qvnc|qvkkhrdisplay|qdirect2d|qtuiotouchplugin|"
    r"qtga|qtiff|qwbmp|qpdf|qwebgl|"
    # Wayland: server-buffer integrations (for compositors built with Qt) and the shells of
    # kiosk, in-car and obsolete compositors; desktops use xdg-shell.
    r"[a-z-]+-server|fullscreen-shell-v1|ivi-shell|wl-shell-plugin|qt-shell|"
    # OpenGL surfaces on Wayland (and with them libQt6OpenGL): the widgets paint in software
    # and reach the compositor through shared memory.
    r"qt-plugin-wayland-egl|"
    # The GTK theme would load the system's GTK against the glib copied into the bundle: a
    # version mismatch away from a crash at start. The XDG portal theme gives native dialogs.
    r"qgtk3)[^/\\]*$"
)
# Of Qt's own translations, the Simplified Chinese ones of the modules we use (ours are in
# resources/translations).
QT_TRANSLATIONS_KEPT = re.compile(r"^qt(base)?_zh_CN\.qm$")

# Windows: the software OpenGL renderer (20 MB) and ANGLE, for OpenGL the widgets never use
# (they paint in software); Qt loads them only when OpenGL is asked for.
QT_WINDOWS_GL = re.compile(r"^(opengl32sw|d3dcompiler_\d+|libEGL|libGLESv2)\.dll$", re.IGNORECASE)

# Linux system libraries left to the system, as the PySide6 wheel itself does: every desktop
# has them, and they must match the system they run on. A bundled libstdc++/libgcc_s older than
# the one the system's OpenGL driver was built with stops the driver from loading; a bundled
# fontconfig may not understand the system's font configuration; X11, xcb, xkbcommon and
# D-Bus speak to the running session. (PyInstaller already leaves out libc, libGL and libEGL.)
SYSTEM_LIBS = re.compile(
    r"^lib(stdc\+\+|gcc_s|fontconfig|freetype|X11|X11-xcb|xcb(-[a-z0-9-]+)?|xkbcommon(-x11)?|"
    r"dbus-1|glib-2\.0|gthread-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0)\.so[.0-9]*$"
)


def keep(dest: str) -> bool:
    """Whether a file PyInstaller collected (by its path inside the bundle) ships."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if len(parts) == 1 and SYSTEM_LIBS.match(parts[0]):
        return False
    if "PySide6" not in parts:
        return True
    name = parts[-1]
    if "translations" in parts:
        return bool(QT_TRANSLATIONS_KEPT.match(name))
    if "plugins" in parts:
        i = parts.index("plugins")
        folder = parts[i + 1] if len(parts) > i + 2 else ""
        return folder in QT_PLUGIN_DIRS and not QT_PLUGIN_DROPPED.search(name)
    if "qml" in parts:
        return False
    if QT_WINDOWS_GL.match(name):
        return False
    return not QT_LIBS_UNUSED.search(name)


def _is_unused_qt_library(dest: str) -> bool:
    """Left out by QT_LIBS_UNUSED (as opposed to a plugin, a translation or a system library):
    such a library comes back if something that ships links against it."""
    parts = PurePath(dest.replace("\\", "/")).parts
    return ("PySide6" in parts and "plugins" not in parts and "translations" not in parts
            and "qml" not in parts and bool(QT_LIBS_UNUSED.search(parts[-1])))


# --- system libraries needed only by what was left out (ELF, i.e. Linux) ------------------

def elf_needed(path: Path) -> list[str] | None:
    """The DT_NEEDED sonames of an ELF file, or None if it is not one (or not readable)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:4] != b"\x7fELF":
        return None
    is64 = data[4] == 2
    end = "<" if data[5] == 1 else ">"
    try:
        if is64:
            shoff, = struct.unpack_from(end + "Q", data, 0x28)
            shentsize, shnum = struct.unpack_from(end + "HH", data, 0x3A)
        else:
            shoff, = struct.unpack_from(end + "I", data, 0x20)
            shentsize, shnum = struct.unpack_from(end + "HH", data, 0x2E)
        sections = []
        for i in range(shnum):
            base = shoff + i * shentsize
            if is64:
                _name, kind, _flags, _addr, offset, size, link = struct.unpack_from(
                    end + "IIQQQQI", data, base)
            else:
                _name, kind, _flags, _addr, offset, size, link = struct.unpack_from(
                    end + "IIIIIII", data, base)
            sections.append((kind, offset, size, link))
        needed = []
        for kind, offset, size, link in sections:
            if kind != 6:  # SHT_DYNAMIC
                continue
            _k, str_off, _s, _l = sections[link]
            entry = struct.Struct(end + ("qQ" if is64 else "iI"))
            for pos in range(offset, offset + size, entry.size):
                tag, value = entry.unpack_from(data, pos)
                if tag == 0:
                    break
                if tag == 1:  # DT_NEEDED
                    stop = data.index(b"\0", str_off + value)
                    needed.append(data[str_off + value:stop].decode("ascii", "replace"))
        return needed
    except (struct.error, IndexError, ValueError):
        return None


def _is_top_level_library(dest: str) -> bool:
    name = dest.replace("\\", "/")
    return "/" not in name and name.startswith("lib") and ".so" in name \
        and not name.startswith("libpython")


def prune_orphans(binaries: Sequence[tuple]) -> tuple[list, list[str]]:
    """Remove the top-level shared libraries that nothing shipped needs, directly or not.

    PyInstaller resolves binary dependencies before the spec can filter, so dropping a plugin
    leaves its private dependencies behind (the GTK theme brings cairo, pango, gdk-pixbuf...),
    as does leaving a system library to the system (libxcb's libXau). Roots are everything in
    a package folder, the Python extensions and libpython; a top-level library ships if a root
    needs it through DT_NEEDED. Where nothing is ELF (Windows, macOS) nothing is removed.
    Returns the new list and the names removed.
    """
    by_name = {e[0]: e for e in binaries if _is_top_level_library(e[0])}
    roots = [e for e in binaries if not _is_top_level_library(e[0])]
    if not by_name or not any(elf_needed(Path(e[1])) is not None for e in roots[:20]):
        return list(binaries), []
    reachable: set[str] = set()
    queue = list(roots)
    while queue:
        for soname in elf_needed(Path(queue.pop()[1])) or []:
            if soname in by_name and soname not in reachable:
                reachable.add(soname)
                queue.append(by_name[soname])
    orphans = set(by_name) - reachable
    return [e for e in binaries if e[0] not in orphans], sorted(orphans)


def _drop_dangling_symlinks(entries: Sequence[tuple], shipped: set[str]) -> list:
    """PyInstaller links top-level names to libraries in package folders (libQt6Core.so.6 ->
    PySide6/Qt/lib/...); a link whose target is left out goes too."""
    out = []
    for entry in entries:
        if entry[2] == "SYMLINK":
            dest = entry[0].replace("\\", "/")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(dest),
                                                       entry[1].replace("\\", "/")))
            if target not in shipped:
                continue
        out.append(entry)
    return out


def _norm(dest: str) -> str:
    return posixpath.normpath(dest.replace("\\", "/"))


def _elf_needed_of(entry: tuple) -> list[str]:
    return elf_needed(Path(entry[1])) or []


def rescue_linked(kept: Sequence[tuple], dropped: Sequence[tuple],
                  needed_of: Callable[[tuple], Iterable[str]] = _elf_needed_of) -> list:
    """The Qt libraries among `dropped` that something kept links against, directly or not.

    The name rules cannot know every platform's link graph (a platform plugin on Windows or
    macOS might link a module we think unused); a library a shipped binary needs ships.
    `needed_of` gives the names a binary links (basenames or install names).
    """
    candidates = {PurePath(e[0].replace("\\", "/")).name.lower(): e for e in dropped
                  if e[2] != "SYMLINK" and _is_unused_qt_library(e[0])}
    rescued: list = []
    queue = list(kept)
    while queue and candidates:
        for name in needed_of(queue.pop()):
            entry = candidates.pop(PurePath(name.replace("\\", "/")).name.lower(), None)
            if entry is not None:
                rescued.append(entry)
                queue.append(entry)
    return rescued


def filter_binaries(binaries: Sequence[tuple],
                    needed_of: Callable[[tuple], Iterable[str]] = _elf_needed_of,
                    ) -> tuple[list, list[str], list[str]]:
    """The binaries that ship, the names of the top-level libraries pruned as unneeded, and
    the Qt libraries kept only because something shipped links against them."""
    files = [e for e in binaries if e[2] != "SYMLINK"]
    kept = [e for e in files if keep(e[0])]
    rescued = rescue_linked(kept, [e for e in files if not keep(e[0])], needed_of)
    kept, pruned = prune_orphans(kept + rescued)
    shipped = {_norm(e[0]) for e in kept}
    links = [e for e in binaries if e[2] == "SYMLINK"]
    return (kept + _drop_dangling_symlinks(links, shipped), pruned,
            [PurePath(e[0]).name for e in rescued])


def _framework_of(dest: str) -> str | None:
    """'PySide6/Qt/lib/QtQuick.framework' for any file inside that framework, else None."""
    parts = PurePath(dest.replace("\\", "/")).parts
    for i, part in enumerate(parts):
        if part.endswith(".framework"):
            return "/".join(parts[:i + 1])
    return None


def filter_datas(datas: Sequence[tuple], binaries: Sequence[tuple] = ()) -> list:
    """The data files that ship. A macOS framework whose library was left out leaves no
    Resources/Info.plist behind (codesign refuses a framework without its binary)."""
    frameworks = {_framework_of(e[0]) for e in binaries} - {None}
    kept = [e for e in datas if keep(e[0])
            and (_framework_of(e[0]) is None or _framework_of(e[0]) in frameworks)]
    shipped = {_norm(e[0]) for e in kept if e[2] != "SYMLINK"}
    shipped |= {_norm(e[0]) for e in binaries if e[2] != "SYMLINK"}
    return _drop_dangling_symlinks(kept, shipped)
