"""Safe file names from article titles (writing them is ``writing.py``'s job).

A title comes from a stranger's page. As a file name it must not climb out of the chosen folder
(``../../etc/passwd``), name a device on Windows (``CON``, ``com1.txt``), hide its real
extension behind a bidi override (``report\u202egpj.exe``), carry invisible or control
characters, or exceed what file systems take (255 bytes per name on most of them).
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

MAX_NAME_BYTES = 200  # of UTF-8 per name, extension included: room below the 255-byte limit
FALLBACK_STEM = "article"

# Device names Windows reserves in any folder, with or without an extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10)),
             "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"}
# Characters Windows refuses in names, plus both path separators.
_FORBIDDEN = set('<>:"/\\|?*')
# Categories dropped outright: controls, format characters (bidi marks and overrides,
# zero-width joiners, BOM, soft hyphen), unassigned, private use, surrogates.
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cn", "Co", "Cs"}


def safe_stem(title: str, *, max_bytes: int = MAX_NAME_BYTES) -> str:
    """``title`` made into a file name stem that is safe on Windows, macOS and Linux."""
    text = unicodedata.normalize("NFC", title or "")
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in _DROPPED_CATEGORIES:
            continue
        if ch in _FORBIDDEN:
            out.append("_")
        elif cat.startswith("Z") or ch.isspace():  # any space or line/paragraph separator
            out.append(" ")
        else:
            out.append(ch)
    stem = " ".join("".join(out).split())  # collapse runs of spaces
    stem = stem.strip(" ._")  # no leading dots (hidden, "..") nor trailing dots/spaces
    stem = _truncate_utf8(stem, max_bytes).rstrip(" .")
    if not stem or stem.split(".")[0].strip().upper() in _RESERVED:
        stem = f"_{stem}" if stem else FALLBACK_STEM
    return stem


def safe_filename(title: str, extension: str, *, max_bytes: int = MAX_NAME_BYTES) -> str:
    """A safe file name ``<stem>.<extension>`` for ``title``; the extension is ours, not his."""
    extension = extension.lstrip(".")
    suffix = f".{extension}" if extension else ""
    room = max_bytes - len(suffix.encode("utf-8"))
    return safe_stem(title, max_bytes=room) + suffix


def _truncate_utf8(text: str, max_bytes: int) -> str:
    """The longest prefix of ``text`` within ``max_bytes`` of UTF-8, cut between characters."""
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", errors="ignore")


def output_path(target: Path, title: str, extension: str) -> Path:
    """Where to write: ``target`` itself, or a safe name from ``title`` inside it if a folder.

    A target that exists as a folder, or is written with a trailing separator, is a folder.
    """
    text = str(target)
    if target.is_dir() or text.endswith((os.sep, "/")):
        return target / safe_filename(title, extension)
    return target
