"""Render the master icon (resources/icons/app.svg) to every format the installers need.

    python packaging/make_icons.py            # writes app-<size>.png, app.ico, app.icns
    python packaging/make_icons.py --check    # exit 1 if a generated file is missing or stale

Qt draws the SVG (each size rendered on its own, not scaled down from a big one, so small
sizes stay sharp). The .ico and .icns containers are written here rather than through
Qt's image plugins: Qt's ICO writer stores a single image, and Qt has no ICNS writer.

This is a build tool, not part of the app, so it may import Qt.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ICONS = REPO / "resources" / "icons"
MASTER = ICONS / "app.svg"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # all of them among PNG_SIZES
# ICNS element types holding PNG data, and the pixel size of each (the @2x types hold the
# double-size image of a point size). Order: smallest first, as iconutil writes them.
ICNS_TYPES: tuple[tuple[bytes, int], ...] = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"icp6", 64),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),
    (b"ic09", 512),
    (b"ic14", 512),
    (b"ic10", 1024),
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_name(size: int) -> str:
    return f"app-{size}.png"


# --- rendering (Qt) ---------------------------------------------------------------------

def render_pngs(svg: Path, sizes: Iterable[int]) -> dict[int, bytes]:
    """PNG bytes of the SVG drawn at each size, with an alpha channel."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 - kept alive
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    out: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        image = image.convertToFormat(QImage.Format.Format_ARGB32)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise SystemExit(f"make_icons: Qt could not encode the {size}px PNG")
        buffer.close()
        out[size] = bytes(data.data())
    return out


def decode_bgra(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and top-down BGRA pixel rows (non-premultiplied) of a PNG."""
    from PySide6.QtGui import QImage

    image = QImage.fromData(png, "PNG").convertToFormat(QImage.Format.Format_ARGB32)
    width, height = image.width(), image.height()
    stride = image.bytesPerLine()
    raw = bytes(image.constBits())[: stride * height]
    if sys.byteorder != "little":  # ARGB32 is one native uint32 per pixel
        raw = b"".join(struct.pack("<I", v) for v in struct.unpack(f">{len(raw) // 4}I", raw))
    rows = b"".join(raw[y * stride: y * stride + width * 4] for y in range(height))
    return width, height, rows


# --- containers (plain Python) ----------------------------------------------------------

def dib_entry(width: int, height: int, bgra_top_down: bytes) -> bytes:
    """A 32-bit BMP icon image: BITMAPINFOHEADER, bottom-up BGRA rows, an all-clear AND mask.

    Small sizes are stored this way rather than as PNG: every Windows version and every
    resource tool (Inno Setup, PyInstaller's icon embedding, Explorer) reads them.
    """
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    row = width * 4
    pixels = b"".join(bgra_top_down[y * row:(y + 1) * row] for y in reversed(range(height)))
    mask_row = ((width + 31) // 32) * 4
    return header + pixels + bytes(mask_row * height)


def build_ico(images: dict[int, bytes]) -> bytes:
    """An .ico holding each size: 256 px as PNG (as Windows expects), smaller ones as BMP."""
    sizes = sorted(images)
    entries: list[tuple[int, bytes]] = []
    for size in sizes:
        if size >= 256:
            entries.append((size, images[size]))
        else:
            width, height, rows = decode_bgra(images[size])
            entries.append((size, dib_entry(width, height, rows)))
    offset = 6 + 16 * len(entries)
    directory = struct.pack("<HHH", 0, 1, len(entries))
    blobs = b""
    for size, blob in entries:
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return directory + blobs


def build_icns(images: dict[int, bytes]) -> bytes:
    """An .icns: the 'icns' header and one PNG element per type in ICNS_TYPES."""
    body = b""
    for kind, size in ICNS_TYPES:
        png = images[size]
        body += kind + struct.pack(">I", 8 + len(png)) + png
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def read_ico(data: bytes) -> list[tuple[int, bytes]]:
    """(size, image bytes) for each entry of an .ico; raises ValueError if malformed."""
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    if reserved != 0 or kind != 1 or count == 0:
        raise ValueError("not an icon file")
    out = []
    for i in range(count):
        w, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack_from("<BBBBHHII", data,
                                                                           6 + 16 * i)
        if offset + length > len(data):
            raise ValueError(f"entry {i} runs past the end of the file")
        out.append((w or 256, data[offset:offset + length]))
    return out


def read_icns(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, payload) for each element of an .icns; raises ValueError if malformed."""
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        raise ValueError("not an icns file, or its length field is wrong")
    out, pos = [], 8
    while pos < len(data):
        kind = data[pos:pos + 4]
        (length,) = struct.unpack(">I", data[pos + 4:pos + 8])
        if length < 8 or pos + length > len(data):
            raise ValueError(f"element {kind!r} has a bad length")
        out.append((kind, data[pos + 8:pos + length]))
        pos += length
    return out


# --- driver -----------------------------------------------------------------------------

# Another Qt version may round an anti-aliased edge differently: the PNGs match their master
# when no channel of any pixel is further off than this (out of 255).
PIXEL_TOLERANCE = 12


def pixels_match(png_a: bytes, png_b: bytes, tolerance: int = PIXEL_TOLERANCE) -> bool:
    if png_a == png_b:
        return True
    wa, ha, a = decode_bgra(png_a)
    wb, hb, b = decode_bgra(png_b)
    if (wa, ha) != (wb, hb):
        return False
    return max(abs(x - y) for x, y in zip(a, b, strict=True)) <= tolerance


def containers(pngs: dict[int, bytes]) -> dict[str, bytes]:
    """app.ico and app.icns, built from the PNG of each size (exactly reproducible)."""
    return {"app.ico": build_ico({size: pngs[size] for size in ICO_SIZES}),
            "app.icns": build_icns(pngs)}


def stale_files(svg: Path = MASTER, folder: Path = ICONS) -> dict[str, bytes]:
    """The generated files that are missing or out of date, with their new content.

    A PNG is out of date when its pixels differ from a fresh rendering of the master; the
    .ico and .icns when they are not exactly what the PNGs on disk make.
    """
    rendered = render_pngs(svg, PNG_SIZES)
    stale: dict[str, bytes] = {}
    current: dict[int, bytes] = {}
    for size, png in rendered.items():
        path = folder / png_name(size)
        if path.is_file() and pixels_match(path.read_bytes(), png):
            current[size] = path.read_bytes()
        else:
            current[size] = stale[png_name(size)] = png
    for name, data in containers(current).items():
        path = folder / name
        if not path.is_file() or path.read_bytes() != data:
            stale[name] = data
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only compare with the files on disk; exit 1 if any differs")
    args = parser.parse_args(argv)
    stale = stale_files()
    if args.check:
        for name in stale:
            print(f"make_icons: resources/icons/{name} is missing or out of date; "
                  "run packaging/make_icons.py", file=sys.stderr)
        return 1 if stale else 0
    for name, data in stale.items():
        (ICONS / name).write_bytes(data)
        print(f"wrote resources/icons/{name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
