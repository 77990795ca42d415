"""Hostile files handed to the reader: OPML subscriptions and site-rule files.

XML bombs, external entities and DTDs (with a logging server to prove nothing is fetched),
wrong types, huge sizes, outline floods, deep nesting, unusable addresses mixed among good
ones. Each gives an InputError with one readable line, and nothing is imported half-way.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from faultserver import FaultServer
from reliakit import SRC

from huaibei_reader.errors import InputError
from huaibei_reader.models import Source
from huaibei_reader.sources.opml import read_opml
from huaibei_reader.sources.siterules import load_site_rules
from huaibei_reader.store import Library

GOOD_OUTLINE = ('<outline text="淮北" type="rss" xmlUrl="http://127.0.0.1:9/feed.xml" '
                'htmlUrl="http://127.0.0.1:9/"/>')


def opml(body: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>{prolog}<opml version="2.0"><head>'
            f"<title>t</title></head><body>{body}</body></opml>").encode()


LAUGHS = ('<!DOCTYPE opml [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
          '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>')


def hostile_opml_files(server_url: str) -> dict[str, bytes]:
    return {
        "billion laughs": opml('<outline text="&f;" type="rss" xmlUrl="http://a.example/f"/>',
                               LAUGHS),
        "external entity": opml('<outline text="&x;" type="rss" xmlUrl="http://a.example/f"/>',
                                '<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
        "remote entity": opml('<outline text="&x;" type="rss" xmlUrl="http://a.example/f"/>',
                              f'<!DOCTYPE opml [<!ENTITY x SYSTEM "{server_url}entity">]>'),
        "external dtd": opml(GOOD_OUTLINE, f'<!DOCTYPE opml SYSTEM "{server_url}evil.dtd">'),
        "parameter entity": opml(GOOD_OUTLINE, f'<!DOCTYPE opml [<!ENTITY % p SYSTEM '
                                               f'"{server_url}p.dtd"> %p;]>'),
        "png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        "html": b"<!DOCTYPE html><html><body><p>not opml</p></body></html>",
        "json": b'{"opml": {"body": []}}',
        "rss": b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
        "empty": b"",
        "whitespace": b" \n\t ",
        "utf-16 without bom": opml(GOOD_OUTLINE).decode().encode("utf-16-le"),
        "truncated": opml(GOOD_OUTLINE * 3)[:-40],
        "huge": opml(GOOD_OUTLINE * 1) + b"<!--" + b"x" * (11 * 1024 * 1024) + b"-->",
        "outline flood": opml("".join(
            f'<outline text="f{i}" type="rss" xmlUrl="http://a.example/{i}.xml"/>'
            for i in range(10_001))),
        "javascript feed among good ones": opml(
            GOOD_OUTLINE + '<outline text="evil" type="rss" xmlUrl="javascript:alert(1)"/>'),
        "file feed among good ones": opml(
            GOOD_OUTLINE + '<outline text="evil" type="rss" xmlUrl="file:///etc/passwd"/>'),
        "no body": b'<?xml version="1.0"?><opml version="2.0"><head/></opml>',
    }


@pytest.fixture(scope="module")
def logging_server():
    with FaultServer() as server:
        yield server


def test_every_hostile_opml_is_refused_in_one_line(logging_server: FaultServer) -> None:
    files = hostile_opml_files(logging_server.base_url)
    for name, data in files.items():
        with pytest.raises(InputError) as err:
            read_opml(data)
        message = str(err.value)
        assert message and "\n" not in message and len(message) < 300, f"{name}: {message!r}"
        assert "root:" not in message, f"{name}: the file's content leaked"
    assert logging_server.paths() == [], "an OPML file made the reader fetch something"


def test_deep_nesting_is_read_or_refused_without_a_crash() -> None:
    depth = 20_000
    data = opml('<outline text="c">' * depth + GOOD_OUTLINE + "</outline>" * depth)
    try:
        sources = read_opml(data)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert [s.feed_url for s in sources] == ["http://127.0.0.1:9/feed.xml"]


def test_xinclude_is_not_followed() -> None:
    data = opml(GOOD_OUTLINE + '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
                'href="file:///etc/passwd" parse="text"/>')
    try:
        sources = read_opml(data)
    except InputError:
        return
    assert all("root:" not in (s.name + s.url + (s.feed_url or "")) for s in sources)


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "huaibei_reader", "--data-dir", str(data_dir),
                           *args], capture_output=True, text=True, encoding="utf-8",
                          errors="replace", env=env, timeout=60)


@pytest.mark.parametrize("name", ["billion laughs", "external entity", "png", "huge",
                                  "javascript feed among good ones", "outline flood"])
def test_cli_import_refuses_and_imports_nothing(tmp_path: Path, logging_server: FaultServer,
                                                name: str) -> None:
    with Library.open(tmp_path / "library.sqlite3") as library:
        library.sources.add(Source(None, "已有", "http://127.0.0.1:9/", kind="site"))
    path = tmp_path / "subscriptions.opml"
    path.write_bytes(hostile_opml_files(logging_server.base_url)[name])
    ran = _cli(tmp_path, "sources", "import", str(path))
    lines = [line for line in ran.stderr.splitlines() if line.strip()]
    assert ran.returncode == 1 and len(lines) == 1, f"{name}: {ran.stderr[-400:]}"
    assert "Traceback" not in ran.stderr
    with Library.open(tmp_path / "library.sqlite3") as library:
        assert [s.name for s in library.sources.all()] == ["已有"]


GOOD_RULES = 'name = "好站"\nhosts = ["good.example"]\n'
HOSTILE_RULES: dict[str, bytes] = {
    "xml bomb": b'<?xml version="1.0"?>' + LAUGHS.encode() + b"<rules>&f;</rules>",
    "external entity": b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
    "binary": bytes(range(256)) * 4,
    "huge": b'name = "big"\nhosts = ["big.example"]\n# ' + b"x" * (300 * 1024) + b"\n",
    "hosts of the wrong type": b'name = "x"\nhosts = 5\n',
    "unknown key": b'name = "x"\nhosts = ["x.example"]\nexec = "rm -rf /"\n',
    "bad regex": b'name = "x"\nhosts = ["x.example"]\n[discovery]\narticle_patterns = ["(("]\n',
    "empty selector": b'name = "x"\nhosts = ["x.example"]\n[extract]\ncontent = [""]\n',
    "broken selector": b'name = "x"\nhosts = ["x.example"]\n[extract]\ncontent = ["div[["]\n',
    "xpath reaching out": (b'name = "x"\nhosts = ["x.example"]\n[extract]\n'
                           b'content = ["document(\'file:///etc/passwd\')//p"]\n'),
    "max pages absurd": b'name = "x"\nhosts = ["x.example"]\n[discovery]\nmax_pages = 10000000\n',
    "utf-16": GOOD_RULES.encode("utf-16"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_RULES))
def test_hostile_rules_file_refuses_the_whole_folder(tmp_path: Path, name: str) -> None:
    (tmp_path / "a-good.toml").write_text(GOOD_RULES, encoding="utf-8")
    (tmp_path / "b-hostile.toml").write_bytes(HOSTILE_RULES[name])
    with pytest.raises(InputError) as err:
        load_site_rules(tmp_path)
    message = str(err.value)
    assert "b-hostile" in message, f"{name}: the file is not named: {message!r}"
    assert "\n" not in message and len(message) < 400 and "root:" not in message
