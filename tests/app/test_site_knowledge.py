"""The rules files are the one source of site knowledge: built-in sources ([source]), the
``encoding`` key (it forces how pages are read), and the person's own rules folder in the
data directory, checked by the same validator."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.loopback import LoopbackServer, page

from huaibei_reader.app.refresh import refresh_sources
from huaibei_reader.app.services import Services
from huaibei_reader.cli.main import main
from huaibei_reader.errors import InputError
from huaibei_reader.models import SiteRules, Source
from huaibei_reader.paths import site_rules_dir
from huaibei_reader.sources.detect import builtin_source
from huaibei_reader.sources.siterules import USER_RULES_FOLDER, load_site_rules
from huaibei_reader.store import Library

TITLE = "淮北市舉辦社區鄰里節活動"
PROSE = "".join(f"<p>居民們交流種菜經驗，志願者為老人測量血壓，孩子們在一旁畫畫，第{i}段。</p>"
                for i in range(1, 8))
# Big5 bytes labelled gbk (a mislabelled page): every byte pair is valid GBK, so nothing in
# the bytes says the label is wrong; only the site's rule can.
MISLABELLED = (f'<html><head><meta charset="gbk"><title>{TITLE}</title></head><body>'
               f'<div class="article"><h1>{TITLE}</h1>{PROSE}</div></body></html>'
               ).encode("big5")
USER_SITE = """
name = "示例日报"
hosts = ["news.example"]

[source]
start_url = "https://news.example/home/"
aliases = ["示例", "Example Daily"]
"""


def feed(base: str) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f'<title>t</title><link>{base}/</link><item><title>x</title>'
            f'<link>{base}/news/1.html</link></item></channel></rss>')


@pytest.mark.parametrize("encoding", ["big5", None])
def test_the_encoding_rule_forces_how_pages_are_read(library, client, encoding) -> None:
    with LoopbackServer() as server:
        base = server.url("").rstrip("/")
        server.route("/feed.xml", page(feed(base), "application/rss+xml; charset=utf-8"))
        server.route("/news/1.html", page(MISLABELLED, "text/html; charset=gbk"))
        host = base.split("://", 1)[1]
        rules = {"mislabelled": SiteRules(name="Mislabelled", hosts=(host,), encoding=encoding)}
        source = library.sources.add(Source(None, "t", server.url("/"), kind="feed",
                                            feed_url=server.url("/feed.xml"),
                                            rules="mislabelled"))
        [report] = refresh_sources([source], library=library, client=client, site_rules=rules)
        assert report.error is None and report.new == 1, report.failed
        [row] = library.articles.newest(limit=5)
        article = library.articles.get(row.id).article
        if encoding:
            assert article.title == TITLE and "志願者為老人測量血壓" in article.text
        else:  # the control: the label alone reads the page wrong
            assert TITLE not in article.title and "志願者" not in article.text


def test_the_bundled_rules_declare_the_builtin_source() -> None:
    rules = load_site_rules(site_rules_dir())
    declared = [(k, r.start_url, r.aliases) for k, r in rules.items() if r.start_url]
    assert declared == [("morang", "https://www.morang.cn/",
                         ("morang", "morang.cn", "www.morang.cn"))]


def test_user_rules_add_sources_and_replace_bundled_files(tmp_path: Path) -> None:
    folder = tmp_path / USER_RULES_FOLDER
    folder.mkdir()
    (folder / "example.toml").write_text(USER_SITE, encoding="utf-8")
    (folder / "morang.toml").write_text(
        'name = "今日淮北"\nhosts = ["morang.cn", "www.morang.cn"]\nencoding = "gb18030"\n',
        encoding="utf-8")
    services = Services(tmp_path)
    try:
        rules = services.site_rules
        assert rules["morang"].encoding == "gb18030"  # the person's file replaced the bundled
        assert builtin_source("今日淮北", rules) is None  # ...and declares no source
        found = builtin_source("example daily", rules)
        assert found == Source(None, "示例日报", "https://news.example/home/", kind="site",
                               rules="example")
    finally:
        services.close()


def test_a_builtin_source_from_user_rules_is_added_without_a_request(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / USER_RULES_FOLDER
    folder.mkdir()
    (folder / "example.toml").write_text(USER_SITE, encoding="utf-8")
    # news.example does not resolve: the add succeeds only because nothing is fetched
    assert main(["--data-dir", str(tmp_path), "sources", "add", "示例"]) == 0
    assert "added site 示例日报" in capsys.readouterr().out
    with Library.open(tmp_path / "library.sqlite3") as library:
        [source] = library.sources.all()
    assert (source.name, source.url, source.rules) == ("示例日报", "https://news.example/home/",
                                                       "example")


@pytest.mark.parametrize(("text", "key", "problem"), [
    (USER_SITE.replace("https://news.example/home/", "https://elsewhere.example/"),
     "source.start_url", "not among hosts"),
    (USER_SITE.replace("https://news.example/home/", "ftp://news.example/"),
     "source.start_url", "http"),
    (USER_SITE.replace('start_url = "https://news.example/home/"\n', ""),
     "source.start_url", "missing"),
    (USER_SITE.replace('aliases = ["示例", "Example Daily"]', 'aliases = "示例"'),
     "source.aliases", "list of strings"),
    (USER_SITE + 'homepage = "x"\n', "source.homepage", "unknown key"),
    (USER_SITE.replace('hosts = ["news.example"]', 'hosts = ["news.example"]\nencoding = "x-9"'),
     "encoding", "unknown encoding"),
])
def test_a_bad_user_rules_file_is_one_line_naming_the_file_and_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, key: str,
        problem: str) -> None:
    folder = tmp_path / USER_RULES_FOLDER
    folder.mkdir()
    path = folder / "example.toml"
    path.write_text(text, encoding="utf-8")
    services = Services(tmp_path)
    with pytest.raises(InputError) as caught:
        services.site_rules  # noqa: B018 - loading is what is tested
    assert str(caught.value).startswith(f"site rules {path}: {key}: ")
    assert problem in str(caught.value)
    code = main(["--data-dir", str(tmp_path), "sources", "add", "示例"])
    err = capsys.readouterr().err.strip()
    assert code != 0 and len(err.splitlines()) == 1
    assert str(path) in err and key in err and "Traceback" not in err


@pytest.mark.parametrize("typed", ["今日淮北", "https://今日淮北", "morang.cn"])
def test_the_window_adds_the_builtin_source_by_name_without_a_request(
        tmp_path: Path, qtbot, typed: str) -> None:
    """The window's address box turns a bare word into https://word; the name still counts."""
    from huaibei_reader.app.operations import OperationRunner
    from huaibei_reader.app.window_services import build_window_services

    runner = OperationRunner(max_threads=2)
    services = Services(tmp_path)
    try:
        added: list[Source] = []
        build_window_services(services, runner).sources.add(typed, None) \
            .success(added.append).run_in_background()
        qtbot.waitUntil(lambda: bool(added), timeout=10_000)
        [source] = added
        assert source.id is not None and (source.name, source.url, source.rules) == (
            "今日淮北", "https://www.morang.cn/", "morang")
        assert "http_client" not in services.__dict__  # no HTTP client was even made
    finally:
        runner.shutdown()
        services.close()
