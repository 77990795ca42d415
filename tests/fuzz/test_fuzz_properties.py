"""Properties over hostile input: no exception escapes but the documented KnownError kinds.

- extraction: ``extract_article`` raises only ``NotAnArticle``; ``decode_html`` never raises
- feed parsing: ``parse_feed`` / ``parse_sitemap`` raise only ``InputError`` (``NotAFeed``)
- OPML import: ``read_opml`` raises only ``InputError``; what it returns is http(s) only;
  written sources read back the same
- URL handling: ``redact`` / ``host_key`` / ``rules_for_url`` never raise and never leak a
  password; ``HttpClient.get`` refuses anything not http(s) with ``FetchBlocked`` before any
  network; ``discover`` on any page and URL raises nothing but ``KnownError``
- file names: ``safe_filename`` / ``output_path`` always give one safe name inside the folder
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fuzzkit import FUZZ, html_like, xml_like
from hypothesis import assume, given
from hypothesis import strategies as st

from huaibei_reader.errors import FetchBlocked, InputError, KnownError, NotAnArticle
from huaibei_reader.export.filenames import output_path, safe_filename
from huaibei_reader.extract import extract_article
from huaibei_reader.extract.decode import decode_html
from huaibei_reader.models import Article, Source
from huaibei_reader.net import HttpClient, HttpConfig, host_key, redact
from huaibei_reader.sources.discover import discover
from huaibei_reader.sources.feeds import parse_feed, parse_sitemap
from huaibei_reader.sources.opml import read_opml, write_opml
from huaibei_reader.sources.siterules import rules_for_url


def printable(text: str) -> bool:
    """No control characters: a message naming such a URL can be expected on one line."""
    return all(c.isprintable() or c == " " for c in text)


any_bytes = st.one_of(html_like(), st.binary(max_size=2000))
urls = st.one_of(
    st.sampled_from(["", "http://127.0.0.1:9/a.html", "https://www.morang.cn/x/1.html",
                     "http://u:p@h.example/", "javascript:alert(1)", "file:///etc/passwd",
                     "http://[::1]:9/", "http://[::1", "http://a b/", "http://%zz/",
                     "http://xn--55qx5d.cn/", "http://例子.中国/路径?查询=1#片段"]),
    st.text(max_size=80),
    st.builds(lambda host, path: f"http://{host}/{path}",
              st.text(min_size=1, max_size=20), st.text(max_size=30)),
)


@FUZZ
@given(data=any_bytes, url=urls, charset=st.sampled_from([None, "utf-8", "gbk", "iso-8859-1",
                                                          "bogus-charset", "utf-16", ""]))
def test_extraction_raises_only_not_an_article(count_example, data: bytes, url: str,
                                               charset: str | None) -> None:
    count_example()
    page = decode_html(data, charset)  # never raises
    assert isinstance(page.text, str)
    try:
        article = extract_article(data, url, http_charset=charset)
    except NotAnArticle as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(article, Article)
    assert article.blocks  # an "article" with no body is NotAnArticle, not an empty success
    for src in article.images:
        assert not src.lower().startswith(("javascript:", "data:text", "vbscript:"))


@pytest.mark.filterwarnings("ignore:To avoid breaking existing software:DeprecationWarning")
@FUZZ
@given(data=st.one_of(xml_like("rss"), xml_like("feed"), any_bytes), url=urls)
def test_feed_parsing_raises_only_input_errors(count_example, data: bytes, url: str) -> None:
    count_example()
    try:
        feed = parse_feed(data, url)
    except InputError as exc:
        assert str(exc)
        # The feed's own URL is quoted as given (it was fetched, so it is a checked address).
        assert "\n" not in str(exc) or not printable(url)
    else:
        assert len(feed.entries) <= 500
        for entry in feed.entries:
            assert entry.url.startswith(("http://", "https://")), entry.url
    try:
        parse_sitemap(data, url)
    except InputError:
        pass


@FUZZ
@given(data=st.one_of(xml_like("opml"), any_bytes))
def test_opml_import_raises_only_input_errors(count_example, data: bytes) -> None:
    count_example()
    try:
        sources = read_opml(data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for s in sources:
        for address in filter(None, (s.url, s.feed_url)):
            assert address.startswith(("http://", "https://")), address
        assert s.name.strip()


names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
hosts = st.from_regex(r"[a-z0-9]{1,12}\.(cn|com|example)", fullmatch=True)


@FUZZ
@given(entries=st.lists(st.tuples(names, hosts, st.booleans()), max_size=8))
def test_opml_round_trip(count_example, entries: list[tuple[str, str, bool]]) -> None:
    count_example()
    sources = [Source(None, name, f"http://{host}/{i}/", kind="feed" if is_feed else "site",
                      feed_url=f"http://{host}/{i}/feed.xml" if is_feed else None)
               for i, (name, host, is_feed) in enumerate(entries)]
    assume(any(s.name.strip() for s in sources) or not sources)
    back = read_opml(write_opml(sources))
    assert [(s.feed_url or s.url) for s in back] == [(s.feed_url or s.url) for s in sources]


@FUZZ
@given(url=urls, password=st.text(min_size=3, max_size=12).filter(
    lambda p: p.strip() and all(c not in p for c in "@/:?#[]%\\")))
def test_url_helpers_never_raise_nor_leak(count_example, url: str, password: str) -> None:
    count_example()
    assert isinstance(host_key(url), str)
    assert rules_for_url({}, url) is None
    with_password = f"http://user:{password}@h.example/{url}"
    shown = redact(with_password)
    assert f"user:{password}@" not in shown
    assert isinstance(redact(url), str)


@pytest.fixture(scope="module")
def offline_client():
    with HttpClient(HttpConfig(user_agent="fuzz", connect_timeout=0.5, read_timeout=0.5,
                               retries=0)) as c:
        yield c


@FUZZ
@given(url=urls)
def test_client_refuses_non_web_addresses_before_any_network(count_example, offline_client,
                                                             url: str) -> None:
    count_example()
    try:  # a web address goes to the network (urlsplit drops leading control characters)
        assume(urlsplit(url.strip()).scheme.lower() not in ("http", "https"))
    except ValueError:
        pass
    with pytest.raises(FetchBlocked) as err:
        offline_client.get(url)
    assert "\n" not in str(err.value)
    assert offline_client.requests_sent == 0


@FUZZ
@given(data=any_bytes, url=urls)
def test_discovery_raises_only_known_errors(count_example, data: bytes, url: str) -> None:
    count_example()
    try:
        found = discover(data, url)
    except KnownError:
        return
    for link in found.articles + found.feeds + found.next:
        assert link.startswith(("http://", "https://")), link


_FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-names-"))


@FUZZ
@given(title=st.text(max_size=300), extension=st.sampled_from(["md", "html", "pdf", "txt", ""]))
def test_file_names_stay_safe_and_inside(count_example, title: str, extension: str) -> None:
    count_example()
    name = safe_filename(title, extension)
    assert name and name not in (".", "..")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert len(name.encode("utf-8")) <= 255
    path = output_path(_FOLDER, title, extension)
    assert path.parent == _FOLDER
    assert path.resolve().parent == _FOLDER.resolve()


# -- bugs the properties found (fixed in efa9568 / 29a5624), kept as regressions ------------

def test_opml_in_gbk_is_read() -> None:
    data = ('<?xml version="1.0" encoding="gbk"?><opml version="2.0"><body>'
            '<outline text="淮北新闻" type="rss" xmlUrl="http://a.example/f.xml"/>'
            "</body></opml>").encode("gbk")
    (source,) = read_opml(data)
    assert source.name == "淮北新闻"


def test_refused_address_with_a_line_break_is_one_line(offline_client) -> None:
    with pytest.raises(FetchBlocked) as err:
        offline_client.get("0\n0")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("call", [
    lambda: discover(b"<html></html>", "http://[::1"),
    lambda: parse_feed(b"<rss></rss>", "http://[::1"),
    lambda: parse_feed(b"<>&#2000000;", "http://a.example/feed.xml"),
])
def test_inputs_that_once_escaped_as_value_errors(call) -> None:
    try:
        call()
    except KnownError as exc:
        assert "\n" not in str(exc)
