"""One check of a typed web address, shared by the command line, detection and the window."""

from __future__ import annotations

import pytest

from huaibei_reader.errors import InputError
from huaibei_reader.sources.detect import normalize_url
from huaibei_reader.webaddress import NotAWebAddress, web_address


@pytest.mark.parametrize(("typed", "reason"), [
    ("htps//www.morang,cn", "scheme"),  # the typo seen in the window: not https://htps//...
    ("https://www.morang,cn/", "host_chars"),
    ("http://exa mple.com/", "host_chars"),
    ("javascript:alert(1)", "scheme"),
    ("ftp://x.org/", "scheme"),
    ("not a url", "scheme"),
    ("", "empty"),
    ("   ", "empty"),
    ("https:///news", "host"),
    ("http://example.com:99999/", "unusable"),
])
def test_what_is_not_a_web_address(typed, reason):
    with pytest.raises(NotAWebAddress) as caught:
        web_address(typed)
    assert caught.value.reason == reason
    assert isinstance(caught.value, InputError)  # the CLI prints known errors as one line
    assert str(caught.value).startswith("not a web address")
    if typed.strip():
        assert str(caught.value).count(typed.strip()) == 1


@pytest.mark.parametrize(("typed", "url"), [
    ("www.morang.cn", "https://www.morang.cn/"),
    ("  https://www.morang.cn/news/1.html ", "https://www.morang.cn/news/1.html"),
    ("feed://example.com/rss", "http://example.com/rss"),
    ("localhost:8080/news", "http://localhost:8080/news"),
    ("127.0.0.1:8000", "http://127.0.0.1:8000/"),
    ("http://[::1]:8000", "http://[::1]:8000/"),
    ("今日淮北.中国/新闻", "https://今日淮北.中国/新闻"),
])
def test_web_addresses_are_completed(typed, url):
    assert web_address(typed) == url


def test_detection_uses_the_same_check():
    assert normalize_url("www.morang.cn") == web_address("www.morang.cn")
    with pytest.raises(NotAWebAddress):
        normalize_url("htps//www.morang,cn")
