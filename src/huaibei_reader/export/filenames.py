"""Safe file names from article titles, and writing files without overwriting by surprise.

A title comes from a stranger's page. As a file name it must not climb out of the chosen folder
(``../../etc/passwd``), name a device on Windows (``CON``, ``com1.txt``), hide its real
extension behind a bidi override (``report\u202egpj.exe``), carry invisible or control
characters, or exceed what file systems take (255 bytes per name on most of them).
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from huaibei_reader.errors import InputError

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


def check_writable(path: Path, *, overwrite: bool = False) -> None:
    """Refuse an existing file unless told to overwrite; refuse a missing parent folder."""
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name or a folder to write into")
    if path.exists() and not overwrite:
        raise InputError(f"{path} already exists; choose another name or allow overwriting")
    if not path.parent.is_dir():
        raise InputError(f"the folder {path.parent} does not exist")


def write_file(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` whole or not at all (temporary file, then rename)."""
    check_writable(path, overwrite=overwrite)
    tmp = path.with_name(f".{path.name}.part")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            # link() fails if the name appeared meanwhile: never clobber a file made since.
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise InputError(f"{path} already exists; choose another name") from None
            except OSError:  # file systems without hard links (FAT, some network shares)
                if path.exists():
                    raise InputError(f"{path} already exists; choose another name") from None
                os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
    return path
