"""Sources from the window: add (detected against the sample edition on loopback), rename,
remove, import and export OPML: real detection, real OPML, real library."""

from __future__ import annotations

import pytest

from huaibei_reader.demo import SampleEditionServer
from huaibei_reader.models import Source
from huaibei_reader.sources.opml import read_opml, write_opml


@pytest.fixture
def server():
    s = SampleEditionServer(port=0)
    s.start()
    yield s
    s.stop()


def _source_names(window) -> list[str]:
    return sorted(s.name for s in window.sidebar.sources())


def test_add_source_detects_refreshes_and_selects_it(factory, qtbot, server):
    window = factory.build()
    with qtbot.waitSignal(window.refresh_finished, timeout=60_000) as blocker:
        window.sources_controller.add_source(server.base_url, "示例")
    assert blocker.args[0].new >= 10
    assert _source_names(window) == ["示例"]
    assert window.sidebar.current_key().startswith("source:")
    qtbot.waitUntil(lambda: window.model.rowCount() >= 10, timeout=5000)


def test_adding_a_source_twice_is_refused_with_a_message(factory, qtbot, server):
    factory.library.sources.add(Source(id=None, name="示例", url=server.base_url))
    window = factory.build()
    window.sources_controller.add_source(server.base_url, "示例")
    qtbot.waitUntil(lambda: "示例" in window.status_label.text()
                    and window.status_label.text().startswith("Cannot add"), timeout=10_000)
    assert _source_names(window) == ["示例"]


def test_rename_and_remove(factory, qtbot):
    source = factory.library.sources.add(Source(id=None, name="旧名字", url="http://127.0.0.1:9/"))
    window = factory.build()
    window.sources_controller.rename_source(source.id, "新名字")
    qtbot.waitUntil(lambda: _source_names(window) == ["新名字"], timeout=5000)
    assert factory.library.sources.get(source.id).name == "新名字"
    window.sources_controller.remove_source(source.id, confirm=False)
    qtbot.waitUntil(lambda: _source_names(window) == [], timeout=5000)
    assert factory.library.sources.all() == []


def test_import_and_export_opml(factory, qtbot, tmp_path):
    opml = tmp_path / "in.opml"
    opml.write_bytes(write_opml([
        Source(id=None, name="淮北新闻", url="http://127.0.0.1:9/a/", kind="feed",
               feed_url="http://127.0.0.1:9/a/feed.xml"),
        Source(id=None, name="相山", url="http://127.0.0.1:9/b/"),
    ]))
    window = factory.build()
    window.sources_controller.import_opml(str(opml))
    qtbot.waitUntil(lambda: len(window.sidebar.sources()) == 2, timeout=5000)
    assert "Imported 2 sources" in window.status_label.text()
    window.sources_controller.import_opml(str(opml))  # importing again adds nothing twice
    qtbot.waitUntil(lambda: "Imported 0 sources" in window.status_label.text(), timeout=5000)
    out = tmp_path / "out.opml"
    window.sources_controller.export_opml(str(out))
    qtbot.waitUntil(lambda: out.exists() and "Exported 2" in window.status_label.text(),
                    timeout=5000)
    assert sorted(s.name for s in read_opml(out.read_bytes())) == sorted(["相山", "淮北新闻"])


def test_a_bad_opml_file_is_a_message_not_a_crash(factory, qtbot, tmp_path):
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline", encoding="utf-8")
    window = factory.build()
    window.sources_controller.import_opml(str(bad))
    qtbot.waitUntil(lambda: window.status_label.text() != "", timeout=5000)
    assert window.sidebar.sources() == []
