"""A hostile title (clear screen, window title, colours, bidi override) reaches no terminal.

Every printer of the command line (list, show, search, cite, sources list, bookmark, clip,
errors) strips what a terminal obeys; the JSON outputs keep the data exact, escaped. The
library keeps the text as it came.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from huaibei_reader.app.services import LIBRARY_FILE
from huaibei_reader.cli.main import main
from huaibei_reader.models import Article, Block, BlockKind, Source
from huaibei_reader.store import Library

CLEAR = "\x1b[2J\x1b[3J\x1b[H"
RETITLE = "\x1b]0;owned\x07\x1b]2;owned too\x1b\\"
COLOUR = "\x1b[41;97m"
TITLE = f"{CLEAR}{RETITLE}淮北{COLOUR}相山\x1b[0m\u202e新闻\x9b2J"
AUTHOR = "韩\x1b[8m惠"
SOURCE = "今日\x1b]0;x\x07淮北"
# What a terminal would act on: ESC, other C0 controls (but line feed), DEL, C1, bidi.
OBEYED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    with Library.open(tmp_path / LIBRARY_FILE) as lib:
        src = lib.sources.add(Source(None, SOURCE, "http://news.example.cn/"))
        lib.articles.save(Article(
            url="http://news.example.cn/1.html", title=TITLE,
            blocks=(Block(BlockKind.PARAGRAPH, text=f"公园{COLOUR}花展开幕。\x1b[0m正文\x07"),),
            published=datetime(2024, 5, 1, 8, tzinfo=UTC), publisher="淮北\x1b[5m日报",
            site_name=SOURCE, authors=(AUTHOR,)), source_id=src.id)
    return tmp_path


def run(capsys, data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv", [
    ("list",), ("show", "1"), ("show", "1", "--format", "markdown"), ("search", "公园"),
    ("cite", "1"), ("cite", "1", "--style", "apa"), ("cite", "1", "--style", "chicago"),
    ("sources", "list"), ("bookmark", "1", "--note", "x"), ("clip", "1", "--quote", "正文"),
    ("sources", "add", "http://news.example.cn/", "--name", "x"),  # an error quoting the name
])
def test_text_output_holds_nothing_a_terminal_obeys(capsys, data_dir, argv):
    code, out, err = run(capsys, data_dir, *argv)
    assert (code, OBEYED.findall(out), OBEYED.findall(err)) == (code, [], [])
    for leftover in ("[2J", "owned", "[41;97m", "[8m", "]0;"):
        assert leftover not in out + err
    if argv[0] in ("list", "show", "search"):
        assert "淮北相山新闻" in out
    if argv[0] == "cite":
        assert "淮北相山新闻" in out and "韩惠" in out and code == 0


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize(("argv", "exact"), [
    (("list", "--json"), TITLE), (("show", "1", "--format", "json"), TITLE),
    (("search", "公园", "--json"), TITLE), (("sources", "list", "--json"), SOURCE)])
def test_json_output_keeps_the_data_exact_but_escaped(capsys, data_dir, argv, exact):
    code, out, _ = run(capsys, data_dir, *argv)
    assert code == 0 and OBEYED.findall(out) == []
    assert exact in _strings(json.loads(out))  # the program reading it gets the data as is


def test_the_library_keeps_the_text_as_it_came(capsys, data_dir):
    run(capsys, data_dir, "list")
    with Library.open(data_dir / LIBRARY_FILE) as lib:
        item = lib.articles.get(1)
        assert item.article.title == TITLE and item.article.authors == (AUTHOR,)


def test_refresh_progress_and_summary_hold_nothing_a_terminal_obeys(tmp_path, capsys):
    from support.local import allow_local_sources
    from support.loopback import LoopbackServer, page

    allow_local_sources(tmp_path)  # the test site is on 127.0.0.1

    article = ("<html><head><meta charset='utf-8'><title>\x1b[2J淮北\x1b]0;owned\x07新闻</title>"
               "</head><body><h1>\x1b[2J淮北\x1b]0;owned\x07新闻</h1><div class='article'><p>"
               + "相山公园举行春季花展，市民纷纷前往观赏拍照。" * 6 + "</p></div></body></html>")
    with LoopbackServer() as server:
        feed = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                f"<title>测试\u009b2J新闻\u202e网</title><link>{server.url('/')}</link>"
                f"<item><title>第1号\u009b31m</title><link>{server.url('/a/1.html')}</link>"
                "</item></channel></rss>")
        server.route("/feed.xml", page(feed, "application/rss+xml; charset=utf-8"))
        server.route("/a/1.html", page(article))
        assert main(["--data-dir", str(tmp_path), "sources", "add",
                     server.url("/feed.xml")]) == 0
        capsys.readouterr()
        code = main(["--data-dir", str(tmp_path), "refresh"])
        out, err = capsys.readouterr()
        assert code == 0, err
        assert "1 new" in out and "[测试" in err
        assert (OBEYED.findall(out), OBEYED.findall(err)) == ([], [])
        code = main(["--data-dir", str(tmp_path), "list"])
        out, _ = capsys.readouterr()
        assert "淮北新闻" in out and OBEYED.findall(out) == [] and "owned" not in out
