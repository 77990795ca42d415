"""`huaibei-reader extract` through main(): formats, per-input errors, files and URLs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.local import allow_local_sources
from support.loopback import LoopbackServer, page

from huaibei_reader.cli.main import main

P1 = ("10月7日，以“菊韵相山·秋意淮北”为主题的相山公园菊花展正式开幕，由数千盆菊花组成的大型花坛"
      "映入眼帘，吸引了不少市民驻足拍照。")
P2 = ("本届菊展共布置各类菊花十万余盆，品种超过三百个，展区沿公园主干道分为六个板块，还设置了"
      "菊艺盆景和插花作品展示区。")
PAGE = f"""<html><head><meta charset="gb2312"><title>相山公园菊花展开幕_今日淮北</title></head>
<body><div class="nav"><a href="/">首页</a><a href="/a">社会</a></div>
<h1>相山公园菊花展开幕</h1><div class="info">发布时间：2022-10-07 16:30:10 来源：淮北日报</div>
<div class="content"><p>{P1}</p><ul><li>迎宾板块</li><li>雅韵板块</li></ul><p>{P2}</p>
<p>（记者 王芳）</p></div><div class="footer">版权所有</div></body></html>"""


@pytest.fixture()
def page_file(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.encode("gbk"))
    return path


def _run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str, str]:
    allow_local_sources(tmp_path / "data")  # the test server is on 127.0.0.1
    code = main(["--data-dir", str(tmp_path / "data"), "extract", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_jsonl_one_object_per_input_with_errors_inline(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, page_file: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    code, out, _ = _run(capsys, tmp_path, str(page_file), str(tmp_path / "missing.html"),
                        str(empty), "--format", "jsonl")
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 3
    ok, missing, nothing = lines
    assert ok["input"] == str(page_file)
    assert ok["title"] == "相山公园菊花展开幕"
    assert ok["published"] == "2022-10-07T16:30:10+08:00"
    assert ok["source"] == "淮北日报"
    assert ok["author"] == "王芳"
    assert ok["text"].split("\n") == [P1, "迎宾板块", "雅韵板块", P2]
    assert [b["kind"] for b in ok["blocks"]] == ["paragraph", "list", "paragraph"]
    assert ok["images"] == [] and ok["lang"] == "zh"
    assert set(ok) >= {"input", "url", "title", "published", "source", "author", "text",
                       "blocks", "images", "lang"}
    assert "error" in missing and "missing.html" in missing["error"]
    assert nothing["error"] == "the page is empty"


def test_all_good_inputs_exit_0(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                page_file: Path) -> None:
    code, out, err = _run(capsys, tmp_path, str(page_file), "--format", "json")
    assert code == 0 and err == ""
    records = json.loads(out)
    assert isinstance(records, list) and records[0]["title"] == "相山公园菊花展开幕"


def test_text_and_markdown(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                           page_file: Path) -> None:
    code, out, _ = _run(capsys, tmp_path, str(page_file))
    assert code == 0
    assert out.startswith("相山公园菊花展开幕\n2022-10-07 16:30 | 来源: 淮北日报 | 作者: 王芳\n")
    assert P1 in out and "版权所有" not in out
    code, out, _ = _run(capsys, tmp_path, str(page_file), "--format", "markdown")
    assert code == 0
    assert out.startswith("# 相山公园菊花展开幕\n")
    assert "\n- 迎宾板块\n- 雅韵板块\n" in out


def test_errors_in_text_mode_go_to_stderr_one_line_each(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, page_file: Path) -> None:
    code, out, err = _run(capsys, tmp_path, str(tmp_path), str(page_file))
    assert code == 1
    assert P1 in out
    assert err.count("\n") == 1 and "folder" in err and "Traceback" not in err


def test_encoding_option_forces_the_charset(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    path = tmp_path / "mislabelled.html"
    path.write_bytes(PAGE.replace('charset="gb2312"', 'charset="iso-8859-1"').encode("gbk"))
    code, out, _ = _run(capsys, tmp_path, str(path), "--encoding", "gbk", "--format", "jsonl")
    assert code == 0
    assert json.loads(out)["title"] == "相山公园菊花展开幕"


def test_encoding_is_not_second_guessed(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path, page_file: Path) -> None:
    # GBK bytes read as UTF-8 by order: refused as not UTF-8, not quietly read as GBK.
    code, out, err = _run(capsys, tmp_path, str(page_file), "--encoding", "utf-8")
    assert (code, out) == (1, "")
    assert err == f"huaibei-reader: {page_file}: the page is not text in utf-8\n"
    # Big5 bytes under a gbk declaration: the given encoding wins over the page's.
    big5 = tmp_path / "big5.html"
    traditional = PAGE.replace("gb2312", "gbk").replace("相山公园菊花展开幕", "相山公園菊花展開幕")
    big5.write_bytes(traditional.encode("big5", errors="replace"))
    code, out, _ = _run(capsys, tmp_path, str(big5), "--encoding", "big5", "--format", "jsonl")
    assert code == 0 and json.loads(out)["title"] == "相山公園菊花展開幕"


@pytest.mark.parametrize("label", ["klingon", "base64", "utf-8\x00"])
def test_unknown_encoding_is_one_clear_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                            page_file: Path, label: str) -> None:
    code, out, err = _run(capsys, tmp_path, str(page_file), "--encoding", label)
    assert (code, out) == (1, "")
    assert err.startswith(f"huaibei-reader: unknown encoding {label!r} for --encoding")
    assert err.count("\n") == 1


@pytest.fixture()
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as httpd:
        body = PAGE.replace('<meta charset="gb2312">', "").encode("gbk")
        httpd.route("/news/1.html", page(body, "text/html; charset=GBK"))
        yield httpd


def test_url_input_uses_the_http_charset(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         server: LoopbackServer) -> None:
    code, out, _ = _run(capsys, tmp_path, server.url("/news/1.html"), server.url("/gone.html"),
                        "--format", "jsonl")
    assert code == 1
    ok, gone = [json.loads(line) for line in out.splitlines()]
    assert ok["url"] == server.url("/news/1.html")
    assert ok["title"] == "相山公园菊花展开幕" and P2 in ok["text"]
    assert "error" in gone
    pages = server.hits("/news/1.html")
    assert pages and pages[0].headers["user-agent"].startswith("HuaibeiReader/")


LIST_PAGE = ("<html><head><meta charset='utf-8'><title>新闻列表</title></head><body>"
             "<ul class='list'>"
             + "".join(f"<li><h3><a href='/n{i}.html'>第{i}条新闻的标题比较长</a></h3>"
                       f"<p>{P1[:30 + i]}…</p></li>" for i in range(8)) + "</ul></body></html>")


def test_a_page_without_an_article_says_so_in_every_format(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, page_file: Path) -> None:
    listing = tmp_path / "list.html"
    listing.write_text(LIST_PAGE, encoding="utf-8")
    for fmt in ("text", "markdown", "json", "jsonl"):
        code, out, err = _run(capsys, tmp_path, str(listing), str(page_file), "--format", fmt)
        assert code == 1
        # one clear line on stderr naming the input, whatever the format
        assert err.count("\n") == 1 and str(listing) in err and "no article" in err
        if fmt == "jsonl":
            failed, ok = [json.loads(line) for line in out.splitlines()]
        elif fmt == "json":
            failed, ok = json.loads(out)
        else:
            assert P1 in out
            continue
        assert failed["kind"] == "not-an-article" and "no article" in failed["error"]
        assert failed["warnings"] == ["no article found on the page"]
        assert ok["warnings"] == []


def test_a_gallery_comes_with_a_warning(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    photos = "".join(f"<li><img src='/p/{i}.jpg' width='800' alt='第{i}张'></li>"
                     for i in range(5))
    path = tmp_path / "gallery.html"
    path.write_text("<html><head><meta charset='utf-8'><title>组图：秋色</title></head><body>"
                    f"<h1>组图：秋色</h1><ul class='pics'>{photos}</ul></body></html>",
                    encoding="utf-8")
    code, out, _ = _run(capsys, tmp_path, str(path), "--format", "jsonl")
    assert code == 0
    record = json.loads(out)
    assert record["images"] == [f"/p/{i}.jpg" for i in range(5)]
    assert record["warnings"] == ["the page is mostly photos: its photos and captions are shown"]
    code, out, err = _run(capsys, tmp_path, str(path))
    assert code == 0 and err.strip() == (f"huaibei-reader: {path}: warning: the page is mostly "
                                         "photos: its photos and captions are shown")
