"""Sources are named after the site, not after the SEO title of its home page: hand-made
pages for each rule, detection end to end, and the real home pages of ../shared/corpus-lists."""

from __future__ import annotations

import gzip
import json

import pytest

from huaibei_reader.sources.site_name import site_name


def page(title: str, body: str = "", head: str = "") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


FOOTER = "<div id=footer>Copyright © 2024 今日淮北 版权所有</div><img alt='今日淮北' src=logo.png>"


@pytest.mark.parametrize(("html", "url", "name"), [
    # The page's declared name, whatever the title says.
    (page("淮北新闻_淮北本地门户_今日淮北网",
          head='<meta property="og:site_name" content="今日淮北">'),
     "https://www.morang.cn/", "今日淮北"),
    (page("Home | Breaking news", head="<meta content='Example Daily' name=application-name>"),
     "https://example.com/", "Example Daily"),
    # The part the page repeats elsewhere (logo, footer): first or last.
    (page("新闻 - 今日淮北", FOOTER), "https://www.morang.cn/", "今日淮北"),
    (page("今日淮北_淮北本地新闻门户|淮北生活", FOOTER), "https://www.morang.cn/", "今日淮北"),
    # The part the host spells.
    (page("Akkuschrauber & Co - Test - CHIP", "<a>Test</a>" * 30),
     "https://www.chip.de/test/", "CHIP"),
    # No evidence: the last part, where sites put their name after a page's own.
    (page("国际新闻_网易新闻中心"), "https://news.163.com/world/", "网易新闻中心"),
    # One part: the title as it is.
    (page(" 今日 淮北 "), "https://www.morang.cn/", "今日 淮北"),
    ("<html><body>no title</body></html>", "https://x.org/", None),
])
def test_the_site_name(html, url, name):
    assert site_name(html, url) == name


def test_the_rules_file_name_comes_first():
    html = page("淮北本地新闻门户_今日淮北网",
                head='<meta property="og:site_name" content="今日淮北网">')
    assert site_name(html, "https://www.morang.cn/", rules_name="今日淮北") == "今日淮北"


def test_a_part_shared_with_another_title_of_the_site():
    html = page("滚动新闻_淮北日报 - 淮北新闻网")
    assert site_name(html, "https://www.hbnews.net/") == "淮北新闻网"
    assert site_name(html, "https://www.hbnews.net/",
                     other_titles=["淮北日报 | 全部文章"]) == "淮北日报"


# What a person would call each real home or channel page of corpus-lists/portal-lists.
EXPECTED = {
    "de-chip-tests-list": "CHIP",
    "en-cnn-home-np4k": "CNN.com International",
    "zh-163-gne-1": "网易新闻",
    "zh-163-rank": "网易新闻",
    "zh-163-rolling": "网易新闻中心",
    "zh-163-rolling-old": "网易新闻中心",
    "zh-163-world": "网易新闻中心",
    "zh-autohome-home": "汽车之家",
    "zh-dfa66-notice": "东方阿尔法基金管理有限公司",
    "zh-hsqh-notice": "恒生前海基金",
    "zh-qq-news": "腾讯网",
    "zh-sina-home-2015": "新浪首页",
    "zh-sina-home-2018": "新浪首页",
    "zh-sohu-home-2020": "搜狐",
}


@pytest.mark.corpus
def test_real_home_pages(shared_dir):
    folder = shared_dir / "corpus-lists" / "portal-lists"
    if not folder.is_dir():
        pytest.skip("../shared/corpus-lists/portal-lists is absent")
    wrong = {}
    for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        raw = gzip.decompress((folder / entry["file"]).read_bytes())
        try:  # browser dumps in UTF-8 whose meta still says gb2312 (the README)
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", "replace")
        got = site_name(text, entry["url"])
        if entry["id"] in EXPECTED and got != EXPECTED[entry["id"]]:
            wrong[entry["id"]] = got
    assert wrong == {}
