"""The reader pane: a QTextBrowser that shows one stored article, and its find bar.

It never loads anything from the network and never runs scripts (QTextBrowser has no script
engine). Images are read from the library by the background operation that opens the article
(``app.reading_service.ReadingService.open_article``), handed over as QImages, and answered
from memory in ``loadResource``; any other request is refused and remembered as a miss.
Links open in the system browser only after a click, and only http(s).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from huaibei_reader.app.reading_service import OpenedArticle
from huaibei_reader.ui.render import (
    DARK,
    LIGHT,
    Labels,
    ReaderTheme,
    _font_stack,
    article_html,
    esc,
    safe_link,
)

#: Comfortable measure: about this many CJK characters per line.
MEASURE_CHARS = 36


def _shorten(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def changes_html(diff_html: str, heading: str, theme: ReaderTheme, font_px: int,
                 font_family: str = "") -> str:
    """A page of differences: ArticleDiff.as_html() with <del>/<ins> (which Qt's rich text
    does not know) turned into struck-out red and underlined green spans."""
    removed = ('<span style="background-color:#ffd7d5; color:#82071e; '
               'text-decoration:line-through">')
    added = '<span style="background-color:#ccffd8; color:#055d20; text-decoration:underline">'
    if theme is DARK:
        removed = removed.replace("#ffd7d5", "#5c1e1e").replace("#82071e", "#ffb3ad")
        added = added.replace("#ccffd8", "#1d4428").replace("#055d20", "#aff5b4")
    body = (diff_html.replace("<del>", removed).replace("</del>", "</span>")
            .replace("<ins>", added).replace("</ins>", "</span>"))
    return (f'<html><body style="font-family:{_font_stack(font_family)}; '
            f'font-size:{font_px}px; color:{theme.text}; '
            f'line-height:170%"><h3 style="color:{theme.muted}">{esc(heading)}</h3>'
            f"{body}</body></html>")


class ReaderBrowser(QTextBrowser):
    """QTextBrowser that answers resources from memory only."""

    link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setObjectName("reader")
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self._images: dict[str, QImage] = {}
        self.misses: set[str] = set()
        self.requests: list[str] = []
        self.anchorClicked.connect(self._on_self_anchor_clicked)

    def set_images(self, images: dict[str, QImage]) -> None:
        self._images = dict(images)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        key = url.toString() if isinstance(url, QUrl) else str(url)
        self.requests.append(key)
        image = self._images.get(key)
        if image is not None and kind == QTextDocument.ResourceType.ImageResource.value:
            return image
        if image is not None:
            return image
        self.misses.add(key)
        return None

    def _on_self_anchor_clicked(self, url: QUrl) -> None:
        link = safe_link(url.toString())
        if link:
            self.link_activated.emit(link)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.apply_measure()

    def apply_measure(self) -> None:
        """Centre a column of a comfortable width using the root frame's side margins."""
        px = max(10, self.font().pixelSize() if self.font().pixelSize() > 0 else 16)
        px = getattr(self, "_text_px", px)
        column = MEASURE_CHARS * px
        width = self.viewport().width()
        side = max(16, (width - column) // 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if fmt.leftMargin() != side:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(20)
            fmt.setBottomMargin(40)
            root.setFrameFormat(fmt)

    def set_text_px(self, px: int) -> None:
        self._text_px = px


class ReaderPane(QWidget):
    """The reader browser with a find bar (Ctrl+F) under it."""

    open_external = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.font_family = ""
        self.font_size = 17
        self.zoom = 0
        self.highlight = ""
        self.dark = False
        self.labels = Labels()
        self.current: OpenedArticle | None = None
        self.showing_changes = False
        self._message_key: tuple | None = None  # what show_message shows now
        self._setup_ui()

    def _setup_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.notice = QLabel(self)
        self.notice.setObjectName("change_notice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.setStyleSheet("QLabel#change_notice { background: palette(alternate-base); "
                                  "color: palette(placeholder-text); padding: 6px 12px; }")
        self.notice.linkActivated.connect(self._on_notice_link_activated)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.browser = ReaderBrowser(self)
        self.browser.link_activated.connect(self.open_external)
        layout.addWidget(self.browser, 1)
        self.find_bar = QWidget(self)
        bar = QHBoxLayout(self.find_bar)
        bar.setContentsMargins(6, 4, 6, 4)
        self.find_label = QLabel(self.tr("Find:"), self.find_bar)
        self.find_edit = QLineEdit(self.find_bar)
        self.find_edit.setPlaceholderText(self.tr("Find in article"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self._on_find_edit_return_pressed)
        self.find_edit.textChanged.connect(self._on_find_edit_text_changed)
        self.find_prev = QToolButton(self.find_bar)
        self.find_prev.setText(self.tr("Previous"))
        self.find_prev.clicked.connect(lambda: self.find_next(backward=True))
        self.find_next_button = QToolButton(self.find_bar)
        self.find_next_button.setText(self.tr("Next"))
        self.find_next_button.clicked.connect(lambda: self.find_next())
        self.find_status = QLabel(self.find_bar)
        self.find_close = QToolButton(self.find_bar)
        self.find_close.setText("✕")
        self.find_close.setToolTip(self.tr("Close the find bar (Esc)"))
        self.find_close.clicked.connect(self.hide_find)
        for w in (self.find_label, self.find_edit, self.find_prev, self.find_next_button,
                  self.find_status):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.find_close)
        self.find_bar.hide()
        layout.addWidget(self.find_bar)
        escape = QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self.find_bar)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.hide_find)

    # -- content ------------------------------------------------------------------------
    @property
    def text_px(self) -> int:
        return max(10, self.font_size + 2 * self.zoom)

    def theme(self) -> ReaderTheme:
        return DARK if self.dark else LIGHT

    def show_article(self, opened: OpenedArticle, highlight: str = "") -> None:
        self.current = opened
        self._message_key = None
        self.highlight = highlight
        self.showing_changes = False
        self._update_notice()
        self.browser.set_images(opened.images)
        self.browser.misses.clear()
        self._render()
        self.browser.verticalScrollBar().setValue(0)

    def rerender(self) -> None:
        if self.current is not None:
            value = self.browser.verticalScrollBar().value()
            self._render()
            self.browser.verticalScrollBar().setValue(value)

    def _render(self) -> None:
        assert self.current is not None
        if self.showing_changes and self.current.changes is not None:
            self.browser.set_text_px(self.text_px)
            self.browser.setHtml(changes_html(self.current.changes.diff_html, self._diff_heading(),
                                              self.theme(), self.text_px, self.font_family))
            self.browser.apply_measure()
            return
        item = self.current.item
        sizes = {url: (img.width(), img.height()) for url, img in self.current.images.items()}
        html = article_html(item.article, labels=self.labels, theme=self.theme(),
                            font_family=self.font_family, font_size=self.text_px,
                            highlight=self.highlight, image_sizes=sizes,
                            site_name=item.source_name)
        self.browser.set_text_px(self.text_px)
        self.browser.setHtml(html)
        self.browser.apply_measure()

    def show_message(self, title: str, text: str = "", link: str = "",
                     actions_html: str = "") -> None:
        """An empty state: first run, nothing selected, a page that held no article.
        Asked to show what it already shows (the list says "select an article" as pages
        arrive), it does nothing: laying the pane out again costs milliseconds each time."""
        key = (title, text, link, actions_html, self.dark, self.text_px)
        if self.current is None and self._message_key == key:
            return
        self._message_key = key
        self.current = None
        self.showing_changes = False
        self.notice.hide()
        theme = self.theme()
        parts = [f'<h2 style="color:{theme.text}">{esc(title)}</h2>']
        if text:
            parts.append(f'<p style="color:{theme.muted}; line-height:160%">{esc(text)}</p>')
        safe = safe_link(link) if link else None
        if safe:
            parts.append(f'<p><a style="color:{theme.accent}" href="{esc(safe)}">{esc(safe)}'
                         "</a></p>")
        parts.append(actions_html)  # our own markup (app: links), never page content
        self.browser.set_images({})
        self.browser.set_text_px(self.text_px)
        self.browser.setHtml(
            f'<html><body style="font-size:{self.text_px}px"><div align="center">'
            f"<br/><br/>{''.join(parts)}</div></body></html>")
        self.browser.apply_measure()

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        pal = self.browser.palette()
        theme = self.theme()
        pal.setColor(QPalette.ColorRole.Base, QColor(theme.background))
        pal.setColor(QPalette.ColorRole.Text, QColor(theme.text))
        self.browser.setPalette(pal)
        self.rerender()

    def set_zoom(self, steps: int) -> None:
        self.zoom = max(-4, min(12, steps))
        self.rerender()

    # -- what changed -------------------------------------------------------------------
    def _update_notice(self) -> None:
        notice = self.current.changes if self.current is not None else None
        if notice is None:
            self.notice.clear()
            self.notice.hide()
            return
        parts: list[str] = []
        if notice.changed:
            if notice.bookmark_changed and notice.clip_changed:
                what = self.tr("This article changed after you bookmarked and clipped it.")
            elif notice.bookmark_changed:
                what = self.tr("This article changed after you bookmarked it.")
            else:
                what = self.tr("This article changed after you clipped it.")
            link_text = (self.tr("Back to the article") if self.showing_changes
                         else self.tr("Show changes"))
            target = "app:hide-changes" if self.showing_changes else "app:show-changes"
            accent = self.theme().accent
            parts.append(f'{esc(what)} — <a style="color:{accent}" href="{target}">'
                         f"{esc(link_text)}</a>")
        if notice.stale_quotes:
            stale = self.tr("%n clipping(s) no longer found in the current text:", "",
                            len(notice.stale_quotes))
            quotes = "; ".join(f"“{esc(_shorten(q))}”" for q in notice.stale_quotes[:3])
            more = " …" if len(notice.stale_quotes) > 3 else ""
            parts.append(f"{esc(stale)} {quotes}{more}")
        self.notice.setText("<br/>".join(parts))
        self.notice.show()

    def _diff_heading(self) -> str:
        notice = self.current.changes if self.current is not None else None
        if notice is None or notice.since_version is None:
            return ""
        return (self.tr("Changes from version %1 to version %2")
                .replace("%1", str(notice.since_version))
                .replace("%2", str(notice.current_version)))

    def set_showing_changes(self, show: bool) -> None:
        """Show the differences instead of the article (or go back to the article)."""
        if self.current is None or self.current.changes is None \
                or not self.current.changes.changed:
            show = False
        if show == self.showing_changes:
            return
        self.showing_changes = show
        self._update_notice()
        self._render()
        self.browser.verticalScrollBar().setValue(0)

    def _on_notice_link_activated(self, link: str) -> None:
        self.set_showing_changes(link == "app:show-changes")

    # -- paging (Space) -----------------------------------------------------------------
    def at_end(self) -> bool:
        bar = self.browser.verticalScrollBar()
        return bar.value() >= bar.maximum()

    def page_down(self) -> None:
        bar = self.browser.verticalScrollBar()
        bar.setValue(min(bar.maximum(), bar.value() + max(1, bar.pageStep() - 40)))

    # -- find ---------------------------------------------------------------------------
    def show_find(self) -> None:
        self.find_bar.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def hide_find(self) -> None:
        self.find_bar.hide()
        self.browser.setFocus()

    def find_next(self, backward: bool = False) -> bool:
        text = self.find_edit.text()
        if not text:
            self.find_status.clear()
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(text, flags)
        if not found:  # wrap around
            cursor = self.browser.textCursor()
            cursor.movePosition(cursor.MoveOperation.End if backward
                                else cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        self.find_status.setText("" if found else self.tr("Not found"))
        return bool(found)

    def _on_find_edit_return_pressed(self) -> None:
        self.find_next()

    def _on_find_edit_text_changed(self, text: str) -> None:
        cursor = self.browser.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        if text:
            self.find_next()
        else:
            self.find_status.clear()
