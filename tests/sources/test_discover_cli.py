"""`huaibei-reader discover`: one JSON object per input (input, url, articles, feeds, next,
sections)."""

from __future__ import annotations

import json

import pytest
from support.local import allow_local_sources
from support.loopback import LoopbackServer, page, status

from huaibei_reader.cli.main import main

LIST_PAGE = """<html><head><meta charset="utf-8">
<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>
<nav><a href="/">首页</a><a href="/shehui/">社会</a><a href="/wenlv/">文旅</a></nav>
<ul class="list">
 <li><a href="/a/20240501/1001.html">淮北市召开城市更新工作推进会议部署全年任务</a></li>
 <li><a href="/a/20240501/1002.html">相山公园春季花展开幕 市民踏青赏花</a></li>
 <li><a href="/a/20240430/1003.html">隋唐运河古镇迎来五一假期客流高峰</a></li>
</ul>
<div class="page"><a href="/shehui/index_2.html">下一页</a></div>
</body></html>""".encode()


def run(capsys, *argv: str, data_dir) -> tuple[int, list[dict], str]:
    allow_local_sources(data_dir)  # the test site is on 127.0.0.1
    code = main(["--data-dir", str(data_dir), "discover", *argv])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_file_with_base_url(tmp_path, capsys):
    page = tmp_path / "list.html"
    page.write_bytes(LIST_PAGE)
    code, records, err = run(capsys, str(page), "--base-url", "http://www.morang.cn/shehui/",
                             data_dir=tmp_path / "data")
    assert code == 0 and err == ""
    assert records == [{
        "input": str(page),
        "url": "http://www.morang.cn/shehui/",
        "articles": ["http://www.morang.cn/a/20240501/1001.html",
                     "http://www.morang.cn/a/20240501/1002.html",
                     "http://www.morang.cn/a/20240430/1003.html"],
        "feeds": ["http://www.morang.cn/feed.xml"],
        "next": ["http://www.morang.cn/shehui/index_2.html"],
        "sections": ["http://www.morang.cn/wenlv/"],  # not /shehui/: that is the page itself
    }]


def test_one_object_per_input_and_a_failed_input_does_not_stop_the_others(tmp_path, capsys):
    page = tmp_path / "list.html"
    page.write_bytes(LIST_PAGE)
    missing = tmp_path / "missing.html"
    code, records, err = run(capsys, str(missing), str(page), data_dir=tmp_path / "data")
    assert code == 1
    assert [r["input"] for r in records] == [str(missing), str(page)]
    assert "no such file" in records[0]["error"]
    assert len(records[1]["articles"]) == 3
    assert "Traceback" not in err and "no such file" in err


def test_bad_base_url_is_a_one_line_error(tmp_path, capsys):
    page = tmp_path / "list.html"
    page.write_bytes(LIST_PAGE)
    code, records, err = run(capsys, str(page), "--base-url", "www.example.cn",
                             data_dir=tmp_path / "data")
    assert code == 1 and records == []
    assert err.count("\n") == 1 and "--base-url" in err


@pytest.fixture()
def list_server():
    with LoopbackServer() as server:
        server.route("/robots.txt", status(404))
        server.fallback = page(LIST_PAGE)
        yield server.base, server


def test_url_input_is_fetched(tmp_path, capsys, list_server):
    base, seen = list_server
    code, records, err = run(capsys, f"{base}/shehui/", data_dir=tmp_path / "data")
    assert code == 0, err
    assert records[0]["url"] == f"{base}/shehui/"
    assert records[0]["articles"][0] == f"{base}/a/20240501/1001.html"
    assert "/shehui/" in seen.paths()
