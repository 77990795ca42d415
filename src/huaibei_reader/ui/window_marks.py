"""What changed since a bookmark or clipping, and "copy with citation" from the reader.

``change_notice`` runs on a worker thread (inside the open-article operation): it compares the
marks the library holds for an article with its current version and, when they differ, brings
the differences along so the reader can show them without another trip to the library. Nothing
here touches the network. ``MarksMixin`` adds the reader's copy-with-citation action and its
context menu to the main window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt

from huaibei_reader.errors import KnownError
from huaibei_reader.export.citation import citation_for
from huaibei_reader.export.diff import stale_clippings
from huaibei_reader.export.service import (
    changed_since_bookmark,
    changes_since,
    version_when_bookmarked,
)
from huaibei_reader.models import LibraryArticle
from huaibei_reader.ui.clip_dialog import copy_with_citation

if TYPE_CHECKING:
    from huaibei_reader.ui.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


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


def change_notice(library: Any, item: LibraryArticle) -> ChangeNotice | None:
    """The notice for ``item`` (worker thread), or None when its marks still match it."""
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


class MarksMixin(_Base):
    """The reader's copy-with-citation action and context menu (a mixin of MainWindow)."""

    def selected_quote(self) -> str:
        """The reader's selection as plain text (paragraph breaks as new lines)."""
        return self.reader.browser.textCursor().selectedText().replace("\u2029", "\n").strip()

    def copy_selection_with_citation(self) -> str:
        """Put the selection and the article's reference on the clipboard; return that text.

        The reference follows the article's language (GB/T 7714 for Chinese articles).
        """
        if self.reader.current is None:
            return ""
        quote = self.selected_quote()
        if not quote:
            self.ctx.messages.info(self.tr("Select some text in the article to copy it "
                                           "with its citation."))
            return ""
        text = copy_with_citation(quote, citation_for(self.reader.current.item))
        self.ctx.messages.info(self.tr("Copied with citation."))
        return text

    def _setup_reader_context_menu(self) -> None:
        browser = self.reader.browser
        browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        browser.customContextMenuRequested.connect(self._on_reader_context_menu_requested)

    def reader_context_menu(self, pos: QPoint) -> Any:
        """The reader's standard menu (copy, select all) plus clip and copy with citation."""
        browser = self.reader.browser
        menu = browser.createStandardContextMenu(pos)
        menu.setObjectName("reader_context_menu")
        if self.reader.current is not None:
            has_selection = browser.textCursor().hasSelection()
            menu.addSeparator()
            for action in (self.actions_.copy_citation, self.actions_.clip):
                menu.addAction(action)
                action.setEnabled(has_selection)
        return menu

    def _on_reader_context_menu_requested(self, pos: QPoint) -> None:
        menu = self.reader_context_menu(pos)
        menu.exec(self.reader.browser.viewport().mapToGlobal(pos))
        for action in (self.actions_.copy_citation, self.actions_.clip):
            action.setEnabled(True)
        menu.deleteLater()
