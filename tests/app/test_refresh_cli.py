"""`sources` and `refresh` on the command line, over loopback sites and the sample edition."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from support.local import allow_local_sources
from support.loopback import LoopbackServer, Reply
from support.newsite import Site, serve

from huaibei_reader.cli.main import main


@pytest.fixture
def server():
    with LoopbackServer() as s:
        yield s


def run(tmp_path, capsys, *argv):
    if not (tmp_path / "settings.ini").exists():
        allow_local_sources(tmp_path)  # the test sites are on 127.0.0.1
    code = main(["--data-dir", str(tmp_path), *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_add_list_refresh_rename_remove(tmp_path, capsys, server):
    serve(Site(count=5), server, feed=True)
    code, out, err = run(tmp_path, capsys, "sources", "list", "--json")
    assert code == 0 and json.loads(out) == [] and "sources add 今日淮北" in err
    code, out, _ = run(tmp_path, capsys, "sources", "add", server.url("/feed.xml"))
    assert code == 0 and out.startswith("added feed 测试新闻网 RSS (id 1)")
    code, out, err = run(tmp_path, capsys, "refresh", "--json")
    assert code == 0
    [report] = json.loads(out)
    assert report["new"] == 5 and report["error"] is None and report["failed"] == []
    assert "[测试新闻网 RSS]" in err  # progress on stderr
    code, out, _ = run(tmp_path, capsys, "refresh")
    assert code == 0 and out.strip() == "测试新闻网 RSS: 0 new, 0 updated, 0 unchanged"
    assert run(tmp_path, capsys, "sources", "rename", "1", "淮北")[0] == 0
    code, out, _ = run(tmp_path, capsys, "sources", "list", "--json")
    [listed] = json.loads(out)
    assert listed["name"] == "淮北" and listed["last_refreshed"] is not None
    assert run(tmp_path, capsys, "sources", "remove", "淮北")[0] == 0
    assert json.loads(run(tmp_path, capsys, "sources", "list", "--json")[1]) == []


def test_refresh_exits_1_when_every_source_failed(tmp_path, capsys, server):
    run(tmp_path, capsys, "sources", "add", "今日淮北")  # no network: built in
    code, out, _ = run(tmp_path, capsys, "sources", "list", "--json")
    assert json.loads(out)[0]["url"] == "https://www.morang.cn/"
    run(tmp_path, capsys, "sources", "remove", "今日淮北")
    server.route("/", lambda req: Reply(200, b"<html><title>t</title>"))
    run(tmp_path, capsys, "sources", "add", server.url("/"), "--name", "broken")
    server.route("/", lambda req: Reply(503, b"down"))
    code, out, err = run(tmp_path, capsys, "refresh")
    assert code == 1
    assert out.startswith("broken: failed: service unavailable (HTTP 503)")
    assert "Traceback" not in err


def test_refresh_of_an_empty_library_does_nothing(tmp_path, capsys):
    code, out, err = run(tmp_path, capsys, "refresh", "--json")
    assert code == 0 and json.loads(out) == [] and "no sources yet" in err


def test_unknown_source_is_one_line(tmp_path, capsys):
    code, _, err = run(tmp_path, capsys, "refresh", "--source", "nope")
    assert code == 1 and err.strip() == "huaibei-reader: no source named nope"


def test_opml_import_export_round_trip(tmp_path, capsys):
    opml = tmp_path / "in.opml"
    opml.write_text('<opml version="2.0"><body><outline text="A" type="rss" '
                    'xmlUrl="http://a.example/rss" htmlUrl="http://a.example/"/>'
                    '<outline text="B" type="link" url="http://b.example/"/></body></opml>',
                    encoding="utf-8")
    data = tmp_path / "data"
    code, out, _ = run(data, capsys, "sources", "import", str(opml))
    assert code == 0 and out.startswith("imported 2 source(s)")
    code, out, _ = run(data, capsys, "sources", "import", str(opml))
    assert "imported 0 source(s)" in out and "2 already followed" in out
    exported = tmp_path / "out.opml"
    assert run(data, capsys, "sources", "export", str(exported))[0] == 0
    text = exported.read_text(encoding="utf-8")
    assert 'xmlUrl="http://a.example/rss"' in text and 'url="http://b.example/"' in text


def test_hostile_opml_imports_nothing(tmp_path, capsys):
    opml = tmp_path / "bomb.opml"
    opml.write_text('<?xml version="1.0"?><!DOCTYPE o [<!ENTITY a "x">]><opml><body>'
                    '<outline text="&a;" xmlUrl="http://a.example/rss"/></body></opml>')
    code, _, err = run(tmp_path / "d", capsys, "sources", "import", str(opml))
    assert code == 1 and "refused" in err
    assert json.loads(run(tmp_path / "d", capsys, "sources", "list", "--json")[1]) == []


def test_sample_edition_refresh_with_and_without_rules(tmp_path, capsys):
    from support.edition import EditionServer

    with EditionServer() as edition:
        base = edition.base_url
        code, out, _ = run(tmp_path, capsys, "sources", "add", base + "index.html",
                           "--name", "样刊")
        assert code == 0
        code, out, err = run(tmp_path, capsys, "refresh", "--json")
        assert code == 0, err
        [report] = json.loads(out)
        assert report["error"] is None
        assert report["new"] >= 5, report
        before = len(edition.requests)
        code, out, _ = run(tmp_path, capsys, "refresh", "--json")
        [again] = json.loads(out)
        assert again["new"] == 0
        assert not [r for r in edition.requests[before:] if "/news/" in r.path
                    and r.status == 200]


def test_interrupted_refresh_ends_promptly_without_traceback(tmp_path, server):
    import os
    import signal
    import subprocess
    import time

    from support.newsite import article_path, index_html

    server.route("/", lambda req: Reply(200, index_html([1, 2, 3], None).encode(),
                                        {"Content-Type": "text/html"}))
    for n in (1, 2, 3):
        server.route(article_path(n), lambda req: Reply(200, b"late", delay=30))
    src = Path(__file__).resolve().parents[2] / "src"
    env = dict(os.environ, PYTHONPATH=str(src))
    base = [sys.executable, "-m", "huaibei_reader", "--data-dir", str(tmp_path)]
    allow_local_sources(tmp_path)  # the test site is on 127.0.0.1
    subprocess.run([*base, "sources", "add", server.url("/"), "--name", "slow"], env=env,
                   check=True, capture_output=True, timeout=60)
    proc = subprocess.Popen([*base, "refresh"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not any(p.startswith("/news/") for p in server.paths()):
            assert time.monotonic() < deadline, "the refresh never asked for an article"
            time.sleep(0.05)
        asked = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert time.monotonic() - asked < 5
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == ("huaibei-reader: interrupted: refresh stopped: 0 "
                                            "articles saved before it stopped, 3 left for "
                                            "the next refresh")
