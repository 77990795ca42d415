"""Fill the Info.plist template for PyInstaller's BUNDLE (and for tests on any platform)."""

from __future__ import annotations

import plistlib
import re
import sysconfig
from importlib import metadata
from pathlib import Path

# Used when nothing installed says more (e.g. running the tests on Linux).
FALLBACK_MIN_MACOS = "12.0"


def _macos_versions_in_tags(tags: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in re.findall(r"macosx_(\d+)_(\d+)_", tags)]


def minimum_macos() -> str:
    """The oldest macOS the bundle can run on: the highest minimum among the binary wheels
    installed in this environment (Qt's is the one that matters) and the Python build."""
    found: list[tuple[int, int]] = []
    for dist in metadata.distributions():
        wheel = dist.read_text("WHEEL") or ""
        found += _macos_versions_in_tags(wheel)
    platform = sysconfig.get_platform()  # e.g. "macosx-11.0-arm64"
    match = re.match(r"macosx-(\d+)\.(\d+)-", platform)
    if match:
        found.append((int(match.group(1)), int(match.group(2))))
    if not found:
        return FALLBACK_MIN_MACOS
    major, minor = max(found)
    return f"{major}.{minor}"


def info_plist(template: Path, version: str, min_macos: str | None = None) -> dict:
    """The template's keys with the version and minimum macOS filled in."""
    text = template.read_text(encoding="utf-8")
    text = text.replace("@VERSION@", version).replace("@MIN_MACOS@",
                                                      min_macos or minimum_macos())
    leftover = re.findall(r"@[A-Z_]+@", text)
    if leftover:
        raise ValueError(f"{template}: unfilled placeholders {sorted(set(leftover))}")
    return plistlib.loads(text.encode("utf-8"))
