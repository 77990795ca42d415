"""OPML import and export: round trip, other readers' files, hostile files refused whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huaibei_reader.errors import InputError
from huaibei_reader.models import Source
from huaibei_reader.sources.opml import read_opml, write_opml


def test_round_trip_keeps_names_kinds_and_urls():
    sources = [
        Source(None, "今日淮北", "https://www.morang.cn/", kind="site"),
        Source(None, "Example & Co <feed>", "https://example.org/", kind="feed",
               feed_url="https://example.org/rss?x=1&y=2"),
    ]
    back = read_opml(write_opml(sources))
    assert [(s.name, s.kind, s.url, s.feed_url) for s in back] == [
        ("今日淮北", "site", "https://www.morang.cn/", None),
        ("Example & Co <feed>", "feed", "https://example.org/", "https://example.org/rss?x=1&y=2"),
    ]


def test_nested_categories_from_other_readers():
    doc = b"""<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>
    <outline text="News"><outline text="A" type="rss" xmlUrl="http://a.example/feed"/>
    <outline title="B" xmlUrl="feed://b.example/rss" htmlUrl="http://b.example/"/></outline>
    <outline text="A again" type="rss" xmlUrl="http://a.example/feed"/>
    </body></opml>"""
    got = read_opml(doc)
    assert [(s.name, s.feed_url, s.url) for s in got] == [
        ("A", "http://a.example/feed", "http://a.example/feed"),
        ("B", "http://b.example/rss", "http://b.example/"),
    ]


@pytest.mark.parametrize("doc, words", [
    (b"", "empty"),
    (b"<opml><body>", "broken"),
    (b"<html><body/></html>", "not an OPML"),
    (b"<opml version='2.0'><head/></opml>", "no <body>"),
    (b"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>
     <opml><body><outline text="&b;" xmlUrl="http://x/"/></body></opml>""", "refused"),
    (b"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
     <opml><body><outline text="&x;" xmlUrl="http://x/"/></body></opml>""", "refused"),
    (b"""<opml><body><outline text="ok" xmlUrl="http://ok/"/>
     <outline text="bad" xmlUrl="javascript:alert(1)"/></body></opml>""", "unusable address"),
])
def test_bad_files_are_refused_whole(doc, words):
    with pytest.raises(InputError) as info:
        read_opml(doc)
    assert words in str(info.value)


def test_huge_file_is_refused():
    with pytest.raises(InputError) as info:
        read_opml(b"<opml>" + b" " * (11 * 1024 * 1024) + b"</opml>")
    assert "too large" in str(info.value)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=1000))
def test_any_bytes_give_sources_or_input_error(data):
    try:
        sources = read_opml(data)
    except InputError:
        return
    assert all(s.url.startswith(("http://", "https://")) for s in sources)


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=50).filter(lambda t: t.strip()))
def test_any_name_survives_export_and_import(name):
    [back] = read_opml(write_opml([Source(None, name, "https://x.example/", kind="site")]))
    assert back.url == "https://x.example/"
    assert len(back.name) <= 200


def test_gbk_opml_from_a_chinese_feed_reader_is_read() -> None:
    # expat cannot read multi-byte legacy encodings; such files are decoded by us instead.
    data = ('<?xml version="1.0" encoding="gbk"?><opml version="2.0"><head/><body>'
            '<outline text="淮北新闻 喆" type="rss" xmlUrl="http://news.example.cn/rss.xml"/>'
            '</body></opml>').encode("gbk")
    sources = read_opml(data)
    assert [(s.name, s.url) for s in sources] == [("淮北新闻 喆", "http://news.example.cn/rss.xml")]


def test_gbk_opml_with_an_entity_is_still_refused() -> None:
    data = ('<?xml version="1.0" encoding="gbk"?><!DOCTYPE o [<!ENTITY a "x">]><opml><body>'
            '<outline text="&a;" xmlUrl="http://a.example/rss"/></body></opml>').encode("gbk")
    with pytest.raises(InputError, match="refused"):
        read_opml(data)
