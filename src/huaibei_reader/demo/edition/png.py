"""Small PNG pictures written with zlib: no imaging library needed to build the edition."""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Callable

Pixel = tuple[int, int, int]

_PALETTES = {
    # sky colour, ground colour, accent colour
    "chrysanthemum": ((250, 236, 200), (70, 120, 60), (240, 190, 40)),
    "canal": ((40, 50, 90), (90, 70, 50), (250, 180, 80)),
    "pomegranate": ((200, 225, 245), (90, 140, 70), (200, 40, 50)),
    "lake": ((170, 210, 240), (60, 130, 170), (240, 240, 230)),
    "logo": ((180, 20, 30), (180, 20, 30), (255, 255, 255)),
    "banner": ((230, 230, 235), (200, 60, 40), (255, 255, 255)),
}


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png_bytes(width: int, height: int, pixel: Callable[[int, int], Pixel]) -> bytes:
    """Encode an RGB image; ``pixel(x, y)`` gives (r, g, b) for each point."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows.extend(pixel(x, y))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + _chunk(b"IEND", b""))


def scene_png(width: int, height: int, palette: str, seed: int = 0) -> bytes:
    """A simple picture: sky, ground, and round blobs of the accent colour."""
    sky, ground, accent = _PALETTES[palette]
    horizon = int(height * 0.55)
    blobs = [((seed * 37 + i * 97) % width, horizon + ((seed + i * 53) % max(1, height - horizon)),
              6 + (seed + i * 13) % 14) for i in range(9)]

    def scaled(colour: Pixel, factor: float) -> Pixel:
        r, g, b = (min(255, int(c * factor)) for c in colour)
        return (r, g, b)

    def pixel(x: int, y: int) -> Pixel:
        for bx, by, r in blobs:
            if (x - bx) ** 2 + (y - by) ** 2 <= r * r:
                return accent
        if y < horizon:
            return scaled(sky, 1.0 - 0.25 * y / horizon)
        return scaled(ground, 0.85 + 0.15 * math.sin(x / 9.0 + y / 5.0))

    return png_bytes(width, height, pixel)


def flat_png(width: int, height: int, palette: str) -> bytes:
    """A banner: a band of colour with a lighter frame (logo, advertisement)."""
    back, band, frame = _PALETTES[palette]

    def pixel(x: int, y: int) -> Pixel:
        if x < 3 or y < 3 or x >= width - 3 or y >= height - 3:
            return frame
        return band if height // 3 <= y < 2 * height // 3 else back

    return png_bytes(width, height, pixel)
