"""The export service on a real library: changes since a clipping's or a bookmark's version."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from export_seed import PARAGRAPHS, RETRIEVED, seed_article

from huaibei_reader.errors import InputError
from huaibei_reader.export import service
from huaibei_reader.models import Source
from huaibei_reader.store import Library


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "library.sqlite3")
    src = lib.sources.add(Source(None, "今日淮北", "http://www.morang.cn/"))
    lib.articles.save(seed_article(), source_id=src.id, fetched_at=RETRIEVED)
    yield lib
    lib.close()


def test_changes_since_a_version_and_since_a_bookmark(library):
    mark = library.marks.bookmark(1, note="n")
    item = library.articles.get(1)
    assert not service.changed_since_bookmark(item, mark)
    full = seed_article()
    edited = replace(full, blocks=tuple(b for b in full.blocks if b.text != PARAGRAPHS[1]))
    later = mark.created_at + timedelta(hours=1)
    assert library.articles.save(edited, source_id=1, fetched_at=later).status == "updated"
    item = library.articles.get(1)
    assert service.changed_since_bookmark(item, mark)
    since = service.version_when_bookmarked(library, 1, mark)
    assert since == 1
    diff = service.changes_since(library, 1, since)
    assert [c.kind for c in diff.changes] == ["removed"]
    assert diff.changes[0].old == PARAGRAPHS[1]
    with pytest.raises(InputError, match="no version 9"):
        service.changes_since(library, 1, 9)


def test_selection_of_unknown_article_is_a_known_error(library):
    with pytest.raises(InputError, match="no article"):
        service.select_articles(library, [1, 42])
    assert service.select_articles(library, [1, 1]).article_ids == [1]
