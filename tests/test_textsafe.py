"""Text from strangers made safe for terminals and exports (textsafe)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huaibei_reader.models import Article, Block, BlockKind, Citation
from huaibei_reader.textsafe import clean_fields, one_line, strip_controls

CLEAR_SCREEN = "\x1b[2J\x1b[H"
WINDOW_TITLE = "\x1b]0;you have been pwned\x07"
COLOURS = "\x1b[31;1m"
HOSTILE = f"{CLEAR_SCREEN}{WINDOW_TITLE}淮北{COLOURS}新闻\x1b[0m"


@pytest.mark.parametrize(("dirty", "clean"), [
    (HOSTILE, "淮北新闻"),
    ("a\x1b]2;title\x1b\\b", "ab"),  # OSC ended by ST (ESC \\)
    ("a\x9b2Jb\x9d0;t\x9cc", "abc"),  # 8-bit CSI and OSC
    ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),  # DCS (sixel) string
    ("a\x1b(0b\x1b=c", "abc"),  # charset selection, keypad mode
    ("a\x1b]0;unterminated", "a"),  # swallowed as far as a terminal would
    ("a\x00b\x07c\x08d\x7fe\x85f", "abcdef"),  # C0, DEL, C1
    ("file\u202egpj.exe \u2066x\u2069", "filegpj.exe x"),  # bidi overrides and isolates
    ("mark\u200fed \u200eok", "mark\u200fed \u200eok"),  # direction marks are kept
    ("line one\r\nline two\ttab", "line one\nline two\ttab"),
    ("over\rwrite", "over\nwrite"),  # a lone CR would overwrite the line in a terminal
    ("中文 English 123 “引号”", "中文 English 123 “引号”"),
])
def test_strip_controls(dirty, clean):
    assert strip_controls(dirty) == clean


def test_one_line_turns_breaks_and_tabs_into_spaces():
    assert one_line("a\nb\tc\r\nd\u2028e") == "a b c d e"
    # An unterminated window title swallows the rest of its line only.
    assert one_line("\x1b]0;unterminated\nnext") == " next"
    assert one_line(None) == "" and strip_controls("") == ""


@given(st.text())
def test_nothing_a_terminal_obeys_survives(text):
    out = strip_controls(text)
    assert not [c for c in out if (ord(c) < 0x20 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f
                or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]
    assert strip_controls(out) == out  # idempotent
    assert "\n" not in one_line(text) and "\t" not in one_line(text)


def test_clean_fields_walks_models_and_keeps_other_values():
    article = Article(url="http://x/", title=HOSTILE, authors=("韩\x1b[1m惠",),
                      blocks=(Block(BlockKind.PARAGRAPH, text="正文\x07"),
                              Block(BlockKind.LIST, items=("一\x1b[0m",)),
                              Block(BlockKind.TABLE, rows=(("格\x00",),))))
    clean = clean_fields(article)
    assert clean.title == "淮北新闻" and clean.authors == ("韩惠",)
    assert [b.plain() for b in clean.blocks] == ["正文", "一", "格"]
    assert clean.blocks[0].kind is BlockKind.PARAGRAPH  # an enum (a str) is not rewritten
    assert article.title == HOSTILE  # the original is untouched (it is the library's data)
    fine = replace(article, title="t", authors=(), blocks=())
    assert clean_fields(fine) is fine  # nothing to clean: the same object
    assert clean_fields({"a": ["\x1b[2Jx", 1, None]}) == {"a": ["x", 1, None]}
    assert isinstance(clean_fields(Citation(title="\x07t", url="u", retrieved_at=None)),  # type: ignore[arg-type]
                      Citation)
