"""Argument types that check numbers and text where the command line is parsed.

An id or ``--limit`` beyond what SQLite stores (2^63 - 1) used to reach the library as an
``OverflowError`` ("internal error", exit 70); text with bytes that are not UTF-8 (the
terminal's character set, a pasted file name) as a ``UnicodeEncodeError``. Here they become
the same one-line known errors as any other bad number or text. (``InputError`` raised by a
type function passes through argparse, which only turns ``ValueError``/``TypeError`` and
``ArgumentTypeError`` into its usage message; ``cli.main`` prints it as one line.)
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from huaibei_reader.errors import InputError

SQLITE_MAX_INTEGER = 2**63 - 1  # the largest integer SQLite stores (and any id could be)
_SHOWN = 80  # characters of a bad argument repeated in a message


def _integer(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what} must be a whole number, not {text!r}") \
            from None


def article_id(text: str) -> int:
    """An article id: a whole number; one that no article can have is "no article with id"."""
    value = _integer(text, "an article id")
    if not 0 < value <= SQLITE_MAX_INTEGER:
        raise InputError(f"no article with id {value if abs(value) < 10**30 else text[:40]}")
    return value


def limit(text: str) -> int:
    """``--limit``: 0 or more, at most what SQLite stores."""
    value = _integer(text, "--limit")
    if value < 0:
        raise InputError("--limit must be 0 or more")
    if value > SQLITE_MAX_INTEGER:
        raise InputError(f"--limit too large (at most {SQLITE_MAX_INTEGER})")
    return value


def has_undecodable(value: str) -> bool:
    """Did the argument arrive with bytes that are not UTF-8? Python keeps them as lone
    surrogates (U+DC80..U+DCFF), which no file, database or network text can hold."""
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def shown(value: str) -> str:
    """The argument with its undecodable bytes as \\xNN escapes, shortened."""
    raw = value.encode("utf-8", "surrogateescape")
    text = raw.decode("utf-8", "backslashreplace")
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def text(what: str) -> Callable[[str], str]:
    """A text argument (a query, a name, a note, a web address) that must be valid text."""

    def check(value: str) -> str:
        if has_undecodable(value):
            raise InputError(f"{what} is not valid text: it holds bytes that are not UTF-8 "
                             f"({shown(value)}); check the terminal's character set")
        return value

    check.__name__ = what  # argparse names the type in its own messages
    return check
