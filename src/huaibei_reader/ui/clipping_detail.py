"""The clippings view's detail pane: the selected clipping in full.

The table shows a few lines of each quote; this pane shows the whole quote, the note, the tags,
where it came from and the reference it carries (in the style its article's language calls
for), so nothing has to be read from a tooltip.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from huaibei_reader.app.marks_service import ClippingRow, format_citation


class ClippingDetail(QTextBrowser):
    """Read-only text of one clipping (or a hint when none or several are selected)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clippings_detail")
        self.setOpenLinks(False)
        self.shown: ClippingRow | None = None
        self.show_row(None)

    def show_row(self, row: ClippingRow | None, selected: int = 0) -> None:
        """Show ``row`` in full; without one, say what to do (``selected`` rows chosen)."""
        self.shown = row
        if row is None:
            hint = (self.tr("%1 clippings selected.").replace("%1", str(selected)) if selected > 1
                    else self.tr("Select a clipping to read its whole quote, note and "
                                 "citation."))
            self.setPlaceholderText(hint)
            self.clear()
            return
        c = row.clipping
        parts = [self._paragraphs(c.quote, "font-size: large;")]
        if row.quote_missing:
            edited = self.tr("The article was edited: this quote is no longer in its text.")
            parts.append(f"<p><i>{escape(edited)}</i></p>")
        fields = [(self.tr("Note"), c.note.strip()),
                  (self.tr("Tags"), ", ".join(c.tags)),
                  (self.tr("Article"), c.citation.title),
                  (self.tr("Source"), row.source_name),
                  (self.tr("Clipped"), c.created_at.astimezone().strftime("%Y-%m-%d %H:%M")),
                  (self.tr("Citation"), format_citation(c.citation))]
        for label, value in fields:
            if value:
                parts.append(f"<p><b>{escape(label)}</b><br>{self._lines(value)}</p>")
        self.setHtml("".join(parts))

    @staticmethod
    def _lines(text: str) -> str:
        return "<br>".join(escape(line) for line in text.strip().splitlines())

    @staticmethod
    def _paragraphs(text: str, style: str) -> str:
        return "".join(f"<p style='{style}'>{escape(p.strip())}</p>"
                       for p in text.strip().split("\n") if p.strip())
