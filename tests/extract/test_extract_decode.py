"""Decoding: declared charsets win, GB labels read as GB18030, invalid bytes stay local."""

from __future__ import annotations

import codecs

from huaibei_reader.extract.decode import decode_html, normalize_charset

STORY = "淮北相山区：“三社联动”打造“熟人社区”。社区先后开展活动30余场，服务居民1000余人次。"


def _page(charset_meta: str, body: str = STORY) -> str:
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset={charset_meta}"><title>t</title></head><body><p>{body}</p></body></html>')


def test_gb2312_label_is_read_as_gb18030_so_gbk_only_characters_survive() -> None:
    text = STORY + "镕堃"  # not in GB2312, present in GBK/GB18030
    data = _page("gb2312", text).encode("gb18030")
    page = decode_html(data)
    assert page.encoding == "gb18030"
    assert "镕堃" in page.text and page.replaced == 0


def test_a_few_invalid_gb_bytes_are_replaced_and_the_rest_stays_readable() -> None:
    good = _page("gb2312").encode("gb18030")
    cut = good.index("社区".encode("gb18030"))
    data = good[:cut] + b"\xff\xff" + good[cut:]
    page = decode_html(data)
    assert page.encoding == "gb18030"
    assert 1 <= page.replaced <= 2
    assert "服务居民1000余人次" in page.text


def test_http_charset_beats_the_meta_declaration() -> None:
    data = _page("iso-8859-1").encode("utf-8")
    assert decode_html(data, http_charset="utf-8").text.count("社区") == 2


def test_byte_order_mark_wins() -> None:
    data = codecs.BOM_UTF8 + _page("gbk").encode("utf-8")
    page = decode_html(data)
    assert page.encoding == "utf-8" and "熟人社区" in page.text


def test_undeclared_gbk_page_is_not_read_as_latin() -> None:
    data = f"<html><body><p>{STORY * 3}</p></body></html>".encode("gbk")
    page = decode_html(data)
    assert page.encoding == "gb18030"
    assert "熟人社区" in page.text


def test_undeclared_utf8_page() -> None:
    data = f"<html><body><p>{STORY}</p></body></html>".encode()
    assert decode_html(data).encoding == "utf-8"


def test_utf8_declared_but_gbk_bytes_reads_the_cleaner_way() -> None:
    data = _page("utf-8", STORY * 5).encode("gbk")
    page = decode_html(data)
    assert page.encoding == "gb18030" and "熟人社区" in page.text


def test_undeclared_latin_page_is_not_forced_into_chinese() -> None:
    text = "Le café de la gare est fermé depuis l'été dernier, a déclaré le maire. " * 20
    data = f"<html><body><p>{text}</p></body></html>".encode("cp1252")
    page = decode_html(data)
    assert "café" in page.text and "été" in page.text


def test_empty_input() -> None:
    page = decode_html(b"")
    assert page.text == "" and page.replaced == 0


def test_charset_labels() -> None:
    assert normalize_charset("GB2312") == "gb18030"
    assert normalize_charset("x-gbk") == "gb18030"
    assert normalize_charset("ISO-8859-1") == "cp1252"
    assert normalize_charset("no-such-charset") is None
    assert normalize_charset(None) is None


def test_a_charset_label_with_a_nul_byte_is_unknown_not_an_error() -> None:
    assert normalize_charset("gb\x00k") is None
    page = decode_html("<p>淮北</p>".encode(), "gb\x00k")
    assert "淮北" in page.text


def test_the_fast_utf8_han_pair_test_agrees_with_its_pattern() -> None:
    """The byte-class test that replaced the regex says the same on GB text, UTF-8 text,
    mixed pages, pairs cut at either end and random bytes."""
    import random

    from huaibei_reader.extract.decode import _UTF8_HAN_PAIR, _has_utf8_han_pair

    gb, utf = STORY.encode("gb18030"), STORY.encode("utf-8")
    pair = "淮北".encode()
    samples = [b"", gb, utf, gb + utf + gb, pair, pair[:-1], pair[1:], b"x" + pair + b"y",
               pair[:3] + b"\xa1" + pair[3:], "é中".encode()]
    rnd = random.Random(13)
    alphabet = bytes(range(0x78, 0x100))  # the bytes the pattern turns on, and a few others
    samples += [bytes(rnd.choice(alphabet) for _ in range(rnd.randrange(1, 40)))
                for _ in range(3000)]
    verdicts = [_has_utf8_han_pair(s) for s in samples]
    assert verdicts == [_UTF8_HAN_PAIR.search(s) is not None for s in samples]
    assert True in verdicts and False in verdicts


def test_the_page_bytes_stand_for_the_text_only_when_they_are_its_utf8() -> None:
    """open_page hands the parser the page's own bytes instead of the text encoded again
    only where the two are the same bytes: never after a BOM, a replaced byte, a GB page or
    a page with runs in another codec."""
    from huaibei_reader.extract.inputs import same_utf8

    clean = _page("utf-8").encode("utf-8")
    cases = {
        "clean": clean,
        "undeclared": _page("").replace("charset=", "").encode("utf-8"),
        "bom": codecs.BOM_UTF8 + clean,
        "invalid byte": clean.replace(b"</p>", b"\xff</p>"),
        "gb": _page("gbk").encode("gb18030"),
        "gb runs in utf-8": clean.replace("社区".encode(), "社区".encode("gb18030")),
    }
    taken = {name for name, data in cases.items()
             if same_utf8(data, decode_html(data)) is not None}
    assert taken == {"clean", "undeclared"}
    for name in taken:
        data = cases[name]
        assert decode_html(data).text.encode("utf-8") == data
