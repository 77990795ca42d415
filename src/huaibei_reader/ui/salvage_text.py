"""The window's words for a damaged library that was moved aside and salvaged.

The store reports counts per kind (``SalvageReport``); this module turns them into one
message in the interface language: where the damaged file went, what was copied out of it,
and what of the reader's own work could not be read (articles come back with a refresh).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from huaibei_reader.ui.error_text import fill

if TYPE_CHECKING:
    from huaibei_reader.app.library_operations import LibraryStatus

translate = QCoreApplication.translate


def _counted(kind: str, n: int) -> str:
    words = {
        "sources": lambda: translate("SalvageText", "%n source(s)", "", n),
        "bookmarks": lambda: translate("SalvageText", "%n bookmark(s)", "", n),
        "clippings": lambda: translate("SalvageText", "%n clipping(s)", "", n),
        "articles": lambda: translate("SalvageText", "%n article(s)", "", n),
    }
    # Without an English catalogue the source text shows: give it its English plural.
    return words[kind]().replace("(s)", "" if n == 1 else "s")


def _listed(counts: dict[str, int]) -> str:
    parts = [_counted(k, counts[k]) for k in ("sources", "bookmarks", "clippings", "articles")
             if counts.get(k)]
    return translate("SalvageText", ", ").join(parts)


def salvage_message(status: LibraryStatus) -> str:
    """The warning shown when the library opened after moving a damaged file aside."""
    lines = [fill(translate("SalvageText", "The library was damaged; it was moved aside to %1 "
                            "and a new one started."), status.moved_aside)]
    report = status.salvaged
    if report is None:
        return lines[0]
    copied = _listed(report.recovered)
    if copied:
        lines.append(fill(translate("SalvageText", "Copied from the damaged library: %1."),
                          copied))
    else:
        lines.append(translate("SalvageText", "Nothing could be read from the damaged library."))
    lost_work = {k: v for k, v in report.lost.items() if k in ("sources", "bookmarks",
                                                               "clippings")}
    if lost_work:
        lines.append(fill(translate("SalvageText", "Could not be read: %1."),
                          _listed(lost_work)))
    unreadable = [k for k in ("sources", "bookmarks", "clippings") if k in report.unreadable]
    if unreadable and not lost_work:
        lines.append(translate("SalvageText", "Parts of your bookmarks, clippings or sources "
                               "were damaged; some of them may be missing."))
    if report.lost.get("articles"):
        lines.append(fill(translate("SalvageText", "%1 could not be read; a refresh fetches "
                                    "them again."), _counted("articles", report.lost["articles"])))
    if report.stopped_early:
        lines.append(translate("SalvageText", "Copying stopped before the end; the rest is still "
                               "in the damaged file."))
    return " ".join(lines)
