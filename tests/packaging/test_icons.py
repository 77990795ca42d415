"""The app icon: generated files match the SVG master and each container reads back."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ICONS = REPO / "resources" / "icons"


@pytest.fixture(scope="module")
def make_icons(tools):
    return tools("make_icons.py")


def test_generated_icons_are_up_to_date(make_icons, qapp) -> None:
    # Fails when app.svg changed without re-running packaging/make_icons.py.
    stale = make_icons.stale_files()
    assert list(stale) == [], f"run packaging/make_icons.py; stale: {list(stale)}"


def test_a_changed_master_makes_every_file_stale(make_icons, qapp, tmp_path) -> None:
    for name in ["app.svg", *(p.name for p in ICONS.glob("app*.*"))]:
        (tmp_path / name).write_bytes((ICONS / name).read_bytes())
    svg = tmp_path / "app.svg"
    svg.write_text(svg.read_text(encoding="utf-8").replace("#fffaf0", "#00ff00"),
                   encoding="utf-8")
    stale = make_icons.stale_files(svg, tmp_path)
    assert set(stale) == {f"app-{s}.png" for s in make_icons.PNG_SIZES} | {"app.ico",
                                                                           "app.icns"}


def test_pixel_comparison_tolerates_rounding_only(make_icons, qapp) -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    def png(color: QColor) -> bytes:
        image = QImage(8, 8, QImage.Format.Format_ARGB32)
        image.fill(color)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data.data())

    base = png(QColor(100, 100, 100))
    assert make_icons.pixels_match(base, png(QColor(104, 100, 97)))
    assert not make_icons.pixels_match(base, png(QColor(100, 160, 100)))


def test_ico_holds_every_size_and_qt_reads_each(make_icons, qapp) -> None:
    from PySide6.QtGui import QImageReader

    data = (ICONS / "app.ico").read_bytes()
    entries = make_icons.read_ico(data)
    assert [size for size, _ in entries] == list(make_icons.ICO_SIZES)
    # 256 px is stored as PNG, the small ones as 32-bit DIBs with a height of 2 x size.
    assert entries[-1][1].startswith(make_icons.PNG_SIGNATURE)
    header_size, width, double_height, _planes, bpp = struct.unpack_from("<IiiHH",
                                                                         entries[0][1])
    assert (header_size, width, double_height, bpp) == (40, 16, 32, 32)
    reader = QImageReader(str(ICONS / "app.ico"))
    assert reader.imageCount() == len(entries)
    sizes = []
    for i in range(reader.imageCount()):
        reader.jumpToImage(i)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        sizes.append(image.width())
        # The corner is transparent (rounded tile), the centre opaque.
        assert image.pixelColor(0, 0).alpha() == 0
        assert image.pixelColor(image.width() // 2, image.height() // 2).alpha() == 255
    assert sizes == list(make_icons.ICO_SIZES)


def test_icns_elements_are_pngs_of_the_declared_sizes(make_icons, qapp) -> None:
    from PySide6.QtGui import QImage

    elements = make_icons.read_icns((ICONS / "app.icns").read_bytes())
    assert [kind for kind, _ in elements] == [k for k, _ in make_icons.ICNS_TYPES]
    for (kind, payload), (_, size) in zip(elements, make_icons.ICNS_TYPES, strict=True):
        assert payload.startswith(make_icons.PNG_SIGNATURE), kind
        image = QImage.fromData(payload, "PNG")
        assert (image.width(), image.height()) == (size, size), kind


def test_container_readers_refuse_damaged_files(make_icons) -> None:
    icns = (ICONS / "app.icns").read_bytes()
    with pytest.raises(ValueError):
        make_icons.read_icns(icns[:-10])  # length field no longer matches
    ico = (ICONS / "app.ico").read_bytes()
    with pytest.raises(ValueError):
        make_icons.read_ico(ico[:2000])  # entries point past the end


def test_png_sizes_from_16_to_1024(qapp) -> None:
    from PySide6.QtGui import QImage

    for size in (16, 24, 32, 48, 64, 128, 256, 512, 1024):
        image = QImage(str(ICONS / f"app-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
