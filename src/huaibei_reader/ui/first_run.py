"""The empty library's page: each way to start is a link that does it (the reading
controller turns the ``app:`` links into requests the window connects)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from huaibei_reader.models import Source
from huaibei_reader.ui.reader_view import ReaderPane


def _tr(text: str) -> str:
    return QCoreApplication.translate("FirstRun", text)


def show_first_run(reader: ReaderPane, builtin: Source | None, *, sample: bool) -> None:
    """Welcome, with links to follow ``builtin`` (今日淮北), import OPML, add a source and,
    when ``sample``, open the sample edition."""
    text = _tr("Your library is empty. Follow a news site or feed to start, or import the "
               "sources you follow elsewhere from an OPML file.")
    links = []
    if builtin is not None:
        links.append(("app:follow-builtin", _tr("Follow %1").replace("%1", builtin.name)))
    links.append(("app:import-opml", _tr("Import OPML…")))
    links.append(("app:add-source", _tr("Add a source…")))
    if sample:
        links.append(("app:sample", _tr("Open the sample edition")))
    actions = '<p align="center">' + " &nbsp;·&nbsp; ".join(
        f'<a href="{href}">{escape(label)}</a>' for href, label in links) + "</p>"
    reader.show_message(_tr("Welcome to Huaibei Reader"), text, actions_html=actions)
