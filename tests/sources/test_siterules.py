"""Site rules files: loaded into frozen dataclasses, every mistake named by file and key."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import html

from huaibei_reader.errors import InputError
from huaibei_reader.models import SiteRules
from huaibei_reader.sources.siterules import (
    MAX_RULES_FILE_BYTES,
    compile_selector,
    load_site_rules,
    parse_site_rules,
    rules_for_url,
)

REPO = Path(__file__).resolve().parents[2]
GOOD = """
name = "示例日报"
hosts = ["example.cn", "news.example.org:8080"]
encoding = "gbk"

[discovery]
list_pages = ["/", "/list/1.html"]
article_patterns = ['/a/\\d+\\.html$']
exclude_patterns = ['/tag/']
next_selectors = ["a.next", "//a[text()='下一页']"]
max_pages = 5

[extract]
content = ["div.article-body"]
remove = ["div.share", "(//div[@class='ad'])"]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads_into_frozen_rules(tmp_path):
    write(tmp_path, "example.toml", GOOD)
    rules = load_site_rules(tmp_path)
    site = rules["example"]
    assert site.name == "示例日报"
    assert site.hosts == ("example.cn", "news.example.org:8080")
    assert site.encoding == "gbk"
    assert site.discovery.article_patterns == ("/a/\\d+\\.html$",)
    assert site.discovery.next_selectors == ("a.next", "//a[text()='下一页']")
    assert site.discovery.max_pages == 5
    assert site.extract.content == ("div.article-body",)
    assert site.extract.title == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        site.name = "changed"  # type: ignore[misc]


def test_only_name_and_hosts_are_required(tmp_path):
    write(tmp_path, "tiny.toml", 'name = "Tiny"\nhosts = ["tiny.example"]\n')
    site = load_site_rules(tmp_path)["tiny"]
    assert site == SiteRules(name="Tiny", hosts=("tiny.example",))


def test_missing_folder_means_no_rules(tmp_path):
    assert load_site_rules(tmp_path / "absent") == {}


@pytest.mark.parametrize(("text", "names"), [
    (GOOD + "\nauthor = 'me'\n", ["bad.toml", "author", "unknown key"]),
    (GOOD.replace("max_pages = 5", "max_pages = 5\nfollow = true"),
     ["bad.toml", "discovery.follow", "unknown key"]),
    (GOOD.replace('content = ["div.article-body"]', 'content = [""]'),
     ["bad.toml", "extract.content[0]", "empty"]),
    (GOOD.replace('next_selectors = ["a.next", ', 'next_selectors = ["   ", '),
     ["bad.toml", "discovery.next_selectors[0]", "empty"]),
    (GOOD.replace("max_pages = 5", 'max_pages = "5"'),
     ["bad.toml", "discovery.max_pages", "whole number"]),
    (GOOD.replace("max_pages = 5", "max_pages = 0"), ["discovery.max_pages", "between"]),
    (GOOD.replace('content = ["div.article-body"]', 'content = "div.article-body"'),
     ["extract.content", "list of strings"]),
    (GOOD.replace('list_pages = ["/", "/list/1.html"]', "list_pages = [1, 2]"),
     ["discovery.list_pages[0]", "must be a string"]),
    (GOOD.replace('hosts = ["example.cn", "news.example.org:8080"]', "hosts = []"),
     ["hosts", "at least one"]),
    (GOOD.replace('hosts = ["example.cn", "news.example.org:8080"]', 'hosts = ["http://x/"]'),
     ["hosts[0]", "not a host name"]),
    (GOOD.replace('name = "示例日报"', ""), ["name", "missing"]),
    (GOOD.replace('encoding = "gbk"', 'encoding = "klingon-8"'), ["encoding", "unknown"]),
    (GOOD.replace("'/a/\\d+\\.html$'", "'/a/(unclosed'"),
     ["discovery.article_patterns[0]", "regular expression"]),
    (GOOD.replace('"div.share"', '"div[["'), ["extract.remove[0]", "CSS"]),
    (GOOD.replace("(//div[@class='ad'])", "//div[@class="), ["extract.remove[1]", "XPath"]),
    (GOOD.replace("[extract]", "extract = 3\n[other]"), ["bad.toml"]),
    ("name = \n", ["bad.toml", "not valid TOML"]),
])
def test_mistakes_name_the_file_and_key(tmp_path, text, names):
    write(tmp_path, "bad.toml", text)
    with pytest.raises(InputError) as caught:
        load_site_rules(tmp_path)
    message = str(caught.value)
    for name in names:
        assert name in message
    assert "\n" not in message


def test_a_huge_file_is_refused_without_parsing(tmp_path):
    path = tmp_path / "huge.toml"
    path.write_bytes(b"# " + b"x" * MAX_RULES_FILE_BYTES + b"\n")
    with pytest.raises(InputError, match="too large"):
        parse_site_rules(path)


def test_non_utf8_file_is_an_input_error(tmp_path):
    path = tmp_path / "gbk.toml"
    path.write_bytes('name = "淮北"\nhosts = ["a.cn"]\n'.encode("gbk"))
    with pytest.raises(InputError, match="UTF-8"):
        parse_site_rules(path)


def test_rules_are_data_never_code(tmp_path):
    """A rules file cannot run anything: a Python-looking value stays a plain string."""
    marker = tmp_path / "ran"
    write(tmp_path, "evil.toml", f'name = "__import__(\'pathlib\').Path(r\'{marker}\').touch()"\n'
                                 'hosts = ["evil.example"]\n')
    site = load_site_rules(tmp_path)["evil"]
    assert site.name.startswith("__import__")
    assert not marker.exists()


def test_rules_for_url_matches_hosts_and_subdomains(tmp_path):
    write(tmp_path, "example.toml", GOOD)
    write(tmp_path, "deep.toml", 'name = "Deep"\nhosts = ["m.example.cn"]\n')
    rules = load_site_rules(tmp_path)
    assert rules_for_url(rules, "https://example.cn/a/1.html").name == "示例日报"
    assert rules_for_url(rules, "https://www.example.cn/").name == "示例日报"
    assert rules_for_url(rules, "https://m.example.cn/").name == "Deep"  # most specific
    assert rules_for_url(rules, "http://news.example.org:8080/x").name == "示例日报"
    assert rules_for_url(rules, "https://notexample.cn/") is None
    assert rules_for_url(rules, "not a url") is None


def test_selectors_compile_css_and_xpath():
    doc = html.fromstring('<div><a class="next" href="/2">下一页</a><a href="/3">3</a></div>')
    assert [a.get("href") for a in compile_selector("a.next")(doc)] == ["/2"]
    assert [a.get("href") for a in compile_selector("//a[text()='下一页']")(doc)] == ["/2"]
    with pytest.raises(ValueError):
        compile_selector("")


def test_bundled_rules_load_and_cover_morang():
    rules = load_site_rules(REPO / "resources" / "sites")
    assert "morang" in rules
    site = rules_for_url(rules, "https://www.morang.cn/")
    assert site is not None and site.name == "今日淮北"
