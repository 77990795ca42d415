"""What changed in an article since it was bookmarked or clipped (plain Python, worker thread).

The open-article operation asks ``change_notice`` while it reads the article: the marks the
library holds for it are compared with its current version and, when they differ, the
differences come along so the reader shows them without another trip to the library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from huaibei_reader.errors import KnownError
from huaibei_reader.export.diff import stale_clippings
from huaibei_reader.export.service import (
    changed_since_bookmark,
    changes_since,
    version_when_bookmarked,
)
from huaibei_reader.models import LibraryArticle

if TYPE_CHECKING:
    from huaibei_reader.store import Library


@dataclass(frozen=True)
class ChangeNotice:
    """Why the reader shows a notice above an article, and the differences to show."""

    since_version: int | None  # the oldest marked version older than the current one
    current_version: int
    bookmark_changed: bool  # the bookmark refers to an older version
    clip_changed: bool  # some clipping refers to an older version
    stale_quotes: tuple[str, ...]  # clipped quotes no longer in the current text
    diff_html: str = ""  # ArticleDiff.as_html() from since_version to the current one

    @property
    def changed(self) -> bool:
        return bool(self.diff_html)


def change_notice(library: Library, item: LibraryArticle) -> ChangeNotice | None:
    """The notice for ``item``, or None when its marks still match it."""
    older: list[int] = []
    bookmark = library.marks.bookmark_of(item.id)
    bookmark_changed = False
    if bookmark is not None and changed_since_bookmark(item, bookmark):
        version = version_when_bookmarked(library, item.id, bookmark)
        if version < item.version:
            older.append(version)
            bookmark_changed = True
    clippings = library.marks.clippings(article_id=item.id)
    clip_versions = [c.article_version for c in clippings if c.article_version < item.version]
    older.extend(clip_versions)
    stale = tuple(c.quote for c in stale_clippings(clippings, item.article))
    diff_html, since = "", None
    if older:
        since = min(older)
        try:
            diff = changes_since(library, item.id, since)
        except KnownError:  # that version is no longer stored
            diff = None
        if diff is not None and diff.changed:
            diff_html = diff.as_html()
    if not diff_html and not stale:
        return None
    return ChangeNotice(since_version=since if diff_html else None,
                        current_version=item.version,
                        bookmark_changed=bookmark_changed and bool(diff_html),
                        clip_changed=bool(clip_versions) and bool(diff_html),
                        stale_quotes=stale, diff_html=diff_html)
