"""The empty library's page: each way to start is a link that does it (the reading
controller turns the ``app:`` links into requests the window connects)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from huaibei_reader.models import Source
from huaibei_reader.ui.reader_view import ReaderPane


def show_first_run(reader: ReaderPane, builtin: Source | None, *, sample: bool) -> None:
    """Welcome, with links to follow ``builtin`` (今日淮北), import OPML, add a source and,
    when ``sample``, open the sample edition."""
    text = QCoreApplication.translate(
        "FirstRun", "Your library is empty. Follow a news site or feed to start, or import "
        "the sources you follow elsewhere from an OPML file.")
    links = []
    if builtin is not None:
        follow = QCoreApplication.translate("FirstRun", "Follow %1")
        links.append(("app:follow-builtin", follow.replace("%1", builtin.name)))
    links.append(("app:import-opml", QCoreApplication.translate("FirstRun", "Import OPML…")))
    links.append(("app:add-source", QCoreApplication.translate("FirstRun", "Add a source…")))
    if sample:
        links.append(("app:sample",
                      QCoreApplication.translate("FirstRun", "Open the sample edition")))
    actions = '<p align="center">' + " &nbsp;·&nbsp; ".join(
        f'<a href="{href}">{escape(label)}</a>' for href, label in links) + "</p>"
    welcome = QCoreApplication.translate("FirstRun", "Welcome to Huaibei Reader")
    reader.show_message(welcome, text, actions_html=actions)
