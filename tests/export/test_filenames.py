"""File names from hostile titles stay inside the chosen folder and never clobber a file."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huaibei_reader.errors import InputError
from huaibei_reader.export.filenames import (
    MAX_NAME_BYTES,
    output_path,
    safe_filename,
)
from huaibei_reader.export.writing import write_file


@pytest.mark.parametrize("title", ["../../etc/passwd", "..\\..\\Windows\\win.ini", "/etc/passwd",
                                   "..", ".", "", "   "])
def test_path_like_titles_stay_inside_the_folder(tmp_path, title):
    path = output_path(tmp_path, title, "md")
    assert path.parent == tmp_path
    assert "/" not in path.name and "\\" not in path.name
    assert not path.name.startswith(".")
    write_file(path, b"x")
    assert path.resolve().parent == tmp_path.resolve()


def test_etc_passwd_keeps_its_words():
    assert safe_filename("../../etc/passwd", "md") == "etc_passwd.md"


@pytest.mark.parametrize("title", ["CON", "con", "Con.txt", "PRN", "AUX", "NUL", "COM1",
                                   "lpt9", "CON .report", "COM¹"])
def test_reserved_windows_names_are_prefixed(title):
    name = safe_filename(title, "txt")
    assert name.split(".")[0].strip().upper() not in {"CON", "PRN", "AUX", "NUL", "COM1",
                                                       "LPT9", "COM¹"}
    assert name.startswith("_")


def test_bidi_zero_width_and_control_characters_are_removed():
    title = "report\u202egpj.exe\u200b\u200d\u2066x\u2069\x00\x1f\ufeff 淮北\u00ad"
    name = safe_filename(title, "html")
    assert name == "reportgpj.exex 淮北.html"
    assert all(unicodedata.category(c) not in {"Cc", "Cf"} for c in name)
    assert name.endswith(".html")


def test_windows_forbidden_characters_and_trailing_dots():
    assert safe_filename('a<b>c:d"e|f?g*h. . ', "md") == "a_b_c_d_e_f_g_h.md"


def test_long_chinese_title_is_cut_between_characters():
    name = safe_filename("淮北" * 200, "docx")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.endswith(".docx") and name.startswith("淮北淮北")
    name.encode("utf-8").decode("utf-8")


@given(st.text(max_size=300))
def test_any_title_gives_a_plain_name(title):
    name = safe_filename(title, "pdf")
    stem = name[:-4]
    assert name.endswith(".pdf") and stem
    assert not set(name) & set('<>:"/\\|?*')
    assert stem not in {".", ".."} and not stem.startswith(".") and not stem.endswith((" ", "."))
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert all(unicodedata.category(c) not in {"Cc", "Cf", "Cs", "Co", "Cn"} for c in name)


def test_existing_file_is_refused_unless_overwrite(tmp_path):
    target = tmp_path / "out.md"
    target.write_bytes(b"keep me")
    with pytest.raises(InputError, match="already exists"):
        write_file(target, b"new")
    assert target.read_bytes() == b"keep me"
    write_file(target, b"new", overwrite=True)
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temporary file left


def test_missing_folder_and_folder_target_are_known_errors(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        write_file(tmp_path / "nope" / "a.md", b"x")
    assert output_path(tmp_path, "标题", "md") == tmp_path / "标题.md"
    assert output_path(tmp_path / "given.md", "标题", "md") == tmp_path / "given.md"
