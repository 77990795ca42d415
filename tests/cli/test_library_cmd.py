"""`list`, `show`, `search`, `reextract`, `backup` through the real command line."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from huaibei_reader.app.services import LIBRARY_FILE
from huaibei_reader.cli.main import main
from huaibei_reader.models import Article, Block, BlockKind, Source
from huaibei_reader.store import Library

T0 = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


def _article(n: int, body: str, title: str) -> Article:
    return Article(url=f"http://news.example.cn/{n}.html", title=title,
                   blocks=(Block(BlockKind.HEADING, text="小标题", level=2),
                           Block(BlockKind.PARAGRAPH, text=body),
                           Block(BlockKind.LIST, items=("一", "二"))),
                   published=T0 + timedelta(hours=n), publisher="淮北日报",
                   site_name="今日淮北", authors=("李四",))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    with Library.open(tmp_path / LIBRARY_FILE) as lib:
        a = lib.sources.add(Source(None, "今日淮北", "http://www.morang.cn/"))
        b = lib.sources.add(Source(None, "人民网", "http://ah.people.com.cn/"))
        lib.articles.save(_article(1, "相山公园举行春季花展。", "花展开幕"), source_id=a.id)
        lib.articles.save(_article(2, "淮北市召开防汛工作会议。", "防汛会议"), source_id=a.id)
        lib.articles.save(_article(3, "南湖公园水质改善。", "南湖治理"), source_id=b.id)
        lib.articles.mark_read(1)
        lib.marks.bookmark(2, note="跟进")
    return tmp_path


def run(capsys, data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_newest_first_with_filters(capsys, data_dir: Path) -> None:
    code, out, err = run(capsys, data_dir, "list", "--json")
    assert code == 0 and err == ""
    items = json.loads(out)
    assert [i["id"] for i in items] == [3, 2, 1]
    first = items[0]
    for key in ("id", "url", "title", "published", "source", "author", "read", "bookmarked"):
        assert key in first
    assert first["source"] == "人民网" and first["author"] == "李四"
    assert first["published"] == (T0 + timedelta(hours=3)).isoformat()
    assert json.loads(run(capsys, data_dir, "list", "--json", "--unread")[1])[-1]["id"] == 2
    assert [i["id"] for i in json.loads(run(capsys, data_dir, "list", "--json",
                                            "--bookmarked")[1])] == [2]
    assert [i["id"] for i in json.loads(run(capsys, data_dir, "list", "--json",
                                            "--source", "今日淮北")[1])] == [2, 1]
    assert len(json.loads(run(capsys, data_dir, "list", "--json", "--limit", "1")[1])) == 1


def test_list_text_and_unknown_source(capsys, data_dir: Path) -> None:
    code, out, _ = run(capsys, data_dir, "list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3 and "南湖治理" in lines[0] and "[人民网]" in lines[0]
    code, out, err = run(capsys, data_dir, "list", "--source", "新华网")
    assert code == 1 and out == ""
    assert err.strip() == "huaibei-reader: no source named 新华网"


def test_show_in_each_format(capsys, data_dir: Path) -> None:
    code, out, _ = run(capsys, data_dir, "show", "2")
    assert code == 0
    assert out.splitlines()[0] == "防汛会议" and "淮北市召开防汛工作会议。" in out
    code, out, _ = run(capsys, data_dir, "show", "2", "--format", "markdown")
    assert out.startswith("# 防汛会议\n") and "## 小标题" in out and "- 一" in out
    code, out, _ = run(capsys, data_dir, "show", "2", "--format", "json")
    data = json.loads(out)
    assert data["id"] == 2 and data["bookmarked"] is True and data["publisher"] == "淮北日报"
    assert data["text"] == "小标题\n淮北市召开防汛工作会议。\n一\n二"
    assert data["blocks"][0] == {"kind": "heading", "text": "小标题", "level": 2}
    code, out, err = run(capsys, data_dir, "show", "42")
    assert code == 1 and err.strip() == "huaibei-reader: no article with id 42"


def test_search_json_and_text(capsys, data_dir: Path) -> None:
    code, out, err = run(capsys, data_dir, "search", "公园", "--json")
    assert code == 0 and err == ""
    hits = json.loads(out)
    assert sorted(h["id"] for h in hits) == [1, 3]
    assert all({"id", "url", "title", "snippet"} <= set(h) for h in hits)
    assert "«公园»" in hits[0]["snippet"]
    hits = json.loads(run(capsys, data_dir, "search", "公园", "--json", "--source", "人民网")[1])
    assert [h["id"] for h in hits] == [3]
    code, out, err = run(capsys, data_dir, "search", "防汛工作")
    assert code == 0 and "防汛会议" in out
    code, out, err = run(capsys, data_dir, "search", "火星探测")
    assert code == 0 and out == "" and "no articles found" in err
    code, out, err = run(capsys, data_dir, "search", "x", "--limit", "-1")
    assert code == 1 and "--limit" in err


def test_backup_copies_the_library(capsys, data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"
    code, out, err = run(capsys, data_dir, "backup", str(target))
    assert code == 0 and str(target) in out
    with Library.open(target) as copy:
        assert copy.articles.count() == 3 and copy.marks.bookmark_of(2).note == "跟进"
    code, out, err = run(capsys, data_dir, "backup", str(tmp_path / "missing" / "x.sqlite3"))
    assert code == 1 and "does not exist" in err and "Traceback" not in err


def test_backup_refuses_an_existing_file_unless_overwrite(capsys, data_dir: Path,
                                                          tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"
    target.write_bytes(b"last week's backup")
    code, out, err = run(capsys, data_dir, "backup", str(target))
    assert (code, out) == (1, "")
    assert err == f"huaibei-reader: {target} already exists; use --overwrite to replace it\n"
    assert target.read_bytes() == b"last week's backup"
    code, out, _ = run(capsys, data_dir, "backup", str(target), "--overwrite")
    assert code == 0
    with Library.open(target) as copy:
        assert copy.articles.count() == 3


def test_backup_onto_a_read_only_file_system_names_the_target(capsys, data_dir: Path,
                                                               tmp_path: Path,
                                                               monkeypatch) -> None:
    import errno
    import os

    real_open = os.open
    target = tmp_path / "out" / "copy.sqlite3"
    target.parent.mkdir()

    def read_only(path, *args, **kwargs):  # the target's folder is on a read-only mount
        if str(path).startswith(str(target.parent)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    code, out, err = run(capsys, data_dir, "backup", str(target))
    assert (code, out) == (1, "")
    assert err == (f"huaibei-reader: cannot write {target}: {target.parent} is on a read-only "
                   "file system\n")


def test_backup_into_a_folder_without_permission(capsys, data_dir: Path,
                                                 tmp_path: Path) -> None:
    import stat

    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("this user ignores file permissions (root or similar): a folder "
                        "without write permission is still writable")
        code, out, err = run(capsys, data_dir, "backup", str(folder / "copy.sqlite3"))
        assert (code, out) == (1, "")
        assert err.startswith(f"huaibei-reader: cannot write {folder / 'copy.sqlite3'}: no "
                              f"permission to write in {folder}")
        assert "library" not in err
    finally:
        folder.chmod(stat.S_IRWXU)


def test_reextract_runs_offline_on_stored_pages(capsys, tmp_path: Path) -> None:
    paragraph = "淮北市今天召开全市防汛工作会议，部署今年汛期各项准备工作，要求各地压实责任。"
    html = ("<html><head><meta charset='utf-8'><title>防汛会议召开</title></head><body>"
            "<div class='nav'><a href='/'>首页</a></div><div class='article'>"
            "<h1>防汛会议召开</h1>" + f"<p>{paragraph}</p>" * 12 + "</div></body></html>"
            ).encode("utf-8")
    url = "http://news.example.cn/2024/05/01/1.html"
    stale = Article(url=url, title="旧的提取结果", blocks=(Block(BlockKind.PARAGRAPH, text="旧"),))
    with Library.open(tmp_path / LIBRARY_FILE) as lib:
        lib.articles.save(stale, source_id=None, raw=html,
                          headers={"Content-Type": "text/html; charset=utf-8"})
    code, out, err = run(capsys, tmp_path, "reextract")
    assert code == 0, err
    assert "re-extracted 1 of 1" in out
    with Library.open(tmp_path / LIBRARY_FILE) as lib:
        item = lib.articles.get(1)
        assert paragraph in item.article.text and item.version == 2
        assert lib.versions.all(1)[0].article.title == "旧的提取结果"


def test_a_damaged_library_is_reported_once_and_a_fresh_one_used(capsys, tmp_path: Path) -> None:
    (tmp_path / LIBRARY_FILE).write_bytes(b"garbage, not a database" * 50)
    code, out, err = run(capsys, tmp_path, "list", "--json")
    assert code == 0 and json.loads(out) == []
    assert err.count("the library was damaged; it was moved to") == 1
    moved = list(tmp_path.glob(f"{LIBRARY_FILE}.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == b"garbage, not a database" * 50
    assert str(moved[0]) in err
