"""Text from strangers made safe to show: no terminal escapes, controls or bidi overrides.

A page title, an author, a feed's site name or a note can carry bytes a terminal obeys
(``ESC [2J`` clears the screen, ``ESC ]0;...BEL`` retitles the window, ``ESC [31m`` colours
what follows) or a bidi override that reverses what is shown after it. The library keeps
such text as it came (it is data); whatever prints it to a terminal or writes it into an
export passes it through ``strip_controls`` first.

Removed: whole escape sequences (CSI, OSC and the other string commands, two-byte ESC
sequences; 7-bit and 8-bit forms), the remaining C0 and C1 controls and DEL, and the bidi
embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). Kept: everything
printable, including the left-to-right and right-to-left marks (they only nudge placement).
Tabs and line breaks are kept in multi-line text and become spaces in one-line text.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TypeVar

T = TypeVar("T")

_ESCAPE_SEQUENCES = re.compile(
    # CSI (ESC [ or the 8-bit CSI): parameter bytes, intermediate bytes, one final byte.
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    # OSC, DCS, SOS, PM, APC: a string up to BEL or ST (ESC \ or 8-bit ST). An unterminated
    # one runs to the end of the line, as far as a terminal would swallow what follows.
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    # Any other ESC sequence: intermediate bytes and one final byte (charset, keypad, ...).
    r"|\x1b[ -/]*[0-~]?"
)
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# Controls left after the sequences: C0 except tab and line feed, DEL, C1, bidi controls.
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")
_LINE_BREAKS = re.compile("[\t\n\x0b\x0c\r\x85\u2028\u2029]+")


def strip_controls(text: str | None, *, multiline: bool = True) -> str:
    """``text`` without escape sequences, control characters or bidi overrides.

    ``multiline``: keep tabs and line feeds (a carriage return before a line feed goes, a
    lone one becomes a line feed); otherwise every line break and tab becomes one space,
    for a value printed on one line (a title in a list, a tag, a name).
    """
    if not text:
        return ""
    text = _ESCAPE_SEQUENCES.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not multiline:
        text = _LINE_BREAKS.sub(" ", text)
    return _CONTROLS.sub("", text)


def one_line(text: str | None) -> str:
    """``strip_controls(text, multiline=False)``: for values printed on one line."""
    return strip_controls(text, multiline=False)


def clean_fields(value: T) -> T:
    """``value`` with every string in it passed through ``strip_controls`` (multi-line).

    Walks frozen dataclasses (through ``dataclasses.replace``), tuples, lists and dicts;
    other values (dates, numbers, enums, which are ``str`` subclasses) pass unchanged.
    """
    if isinstance(value, str) and type(value) is str:  # not an enum's value
        return strip_controls(value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if not f.init:
                continue
            old = getattr(value, f.name)
            new = clean_fields(old)
            if new is not old and new != old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, tuple):
        items = tuple(clean_fields(v) for v in value)
        return value if items == value else items  # type: ignore[return-value]
    if isinstance(value, list):
        return [clean_fields(v) for v in value]  # type: ignore[return-value]
    if isinstance(value, dict):
        return {k: clean_fields(v) for k, v in value.items()}  # type: ignore[return-value]
    return value


_INVISIBLE_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI_CONTROLS}]")


def json_for_terminal(text: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with DEL, the C1 controls and
    bidi controls escaped as ``\\uXXXX`` too, as JSON already does for C0: the data stays
    exact for the program reading it, and the terminal showing it obeys nothing."""
    return _INVISIBLE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
