"""Exports over the library: choose what to export, render it in a format, write it safely.

Used by the CLI and the window alike. The library is passed in (``Library`` from the store:
``articles.get``, ``marks.bookmark_of``/``bookmarks``/``clippings``, ``versions.raw_page``,
``images.get``); nothing here builds one. Rendering a PDF needs Qt and is imported only
when asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from huaibei_reader.errors import InputError, KnownError
from huaibei_reader.export.diff import ArticleDiff, diff_articles
from huaibei_reader.export.document import (
    ExportDocument,
    ExportEntry,
    article_entry,
    clipping_entries,
    title_for,
)
from huaibei_reader.export.filenames import output_path, write_file

FORMATS = ("md", "html", "pdf", "docx", "txt", "json", "warc")
EXTENSIONS = {"md": "md", "html": "html", "pdf": "pdf", "docx": "docx", "txt": "txt",
              "json": "json", "warc": "warc.gz"}


@dataclass(frozen=True)
class Selection:
    """What to export: entries in order, and a title for the document and file name."""

    title: str
    entries: tuple[ExportEntry, ...]

    @property
    def article_ids(self) -> list[int]:
        return [e.article_id for e in self.entries if e.article_id is not None]

    @property
    def stale_count(self) -> int:
        return sum(len(e.stale) for e in self.entries)


def _oldest_first(clippings: list) -> list:
    return sorted(clippings, key=lambda c: (c.created_at, c.id or 0))


def select_articles(library, ids: list[int]) -> Selection:
    """The given articles (in the order given, each once) with bookmark and clippings."""
    entries = []
    for article_id in dict.fromkeys(ids):
        item = library.articles.get(article_id)
        entries.append(article_entry(
            item, bookmark=library.marks.bookmark_of(item.id),
            clippings=_oldest_first(library.marks.clippings(article_id=item.id))))
    return Selection(title_for(entries, "文章 Articles"), tuple(entries))


def select_bookmarks(library, *, tag: str | None = None) -> Selection:
    """Every bookmarked article (optionally only those tagged ``tag``), newest bookmark first."""
    marks = library.marks.bookmarks(tag=tag)
    if not marks:
        raise InputError(f"no bookmarks tagged {tag!r}" if tag else "there are no bookmarks")
    entries = []
    for mark in marks:
        item = library.articles.get(mark.article_id)
        entries.append(article_entry(
            item, bookmark=mark,
            clippings=_oldest_first(library.marks.clippings(article_id=item.id))))
    title = f"书签 Bookmarks: {tag}" if tag else "书签 Bookmarks"
    return Selection(title, tuple(entries))


def select_clippings(library, *, tag: str | None = None) -> Selection:
    """Clippings (optionally of one tag), grouped by article, checked against current text."""
    clips = _oldest_first(library.marks.clippings(tag=tag))
    if not clips:
        raise InputError(f"no clippings tagged {tag!r}" if tag else "there are no clippings")

    def current(article_id: int):
        try:
            return library.articles.get(article_id)
        except KnownError:  # the article was removed since; its clippings remain
            return None

    title = f"摘录 Clippings: {tag}" if tag else "摘录 Clippings"
    return Selection(title, clipping_entries(clips, current))


def changes_since(library, article_id: int, version: int) -> ArticleDiff:
    """What changed in an article since ``version`` (e.g. a clipping's ``article_version``)."""
    versions = library.versions.all(article_id)
    old = next((v for v in versions if v.version == version), None)
    if old is None:
        raise InputError(f"article {article_id} has no version {version}")
    return diff_articles(old.article, versions[-1].article)


def changed_since_bookmark(item, bookmark) -> bool:
    """True when the article's text changed after it was bookmarked."""
    return item.version > 1 and item.updated_at > bookmark.created_at


def version_when_bookmarked(library, article_id: int, bookmark) -> int:
    """The version that was current when ``bookmark`` was made (the first one if unknown)."""
    versions = library.versions.all(article_id)
    current = versions[0].version
    for v in versions:
        if v.fetched_at is not None and v.fetched_at <= bookmark.created_at:
            current = v.version
    return current


def document(selection: Selection, *, style: str | None = None) -> ExportDocument:
    return ExportDocument(title=selection.title, entries=selection.entries,
                          created_at=datetime.now(UTC), style=style)


def render(selection: Selection, library, fmt: str, *, style: str | None = None) -> bytes:
    """The selection as the bytes of one file in ``fmt`` (see ``FORMATS``)."""
    doc = document(selection, style=style)
    images = library.images.get
    if fmt == "md":
        from huaibei_reader.export.markdown import render_markdown

        return render_markdown(doc).encode("utf-8")
    if fmt == "html":
        from huaibei_reader.export.html import render_html

        return render_html(doc, images).encode("utf-8")
    if fmt == "txt":
        from huaibei_reader.export.text import render_text

        return render_text(doc).encode("utf-8")
    if fmt == "json":
        from huaibei_reader.export.json_export import render_json

        return render_json(doc).encode("utf-8")
    if fmt == "docx":
        from huaibei_reader.export.docx import render_docx

        return render_docx(doc, images)
    if fmt == "pdf":
        from huaibei_reader.app.pdf import render_pdf  # Qt, loaded only for PDF

        return render_pdf(doc, images)
    if fmt == "warc":
        return render_warc(selection, library)
    raise InputError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


def render_warc(selection: Selection, library, *, filename: str = "") -> bytes:
    from huaibei_reader.export.warc import CapturedPage, write_warc

    pages = []
    for entry in selection.entries:
        if entry.article_id is None:
            continue
        raw = library.versions.raw_page(entry.article_id)
        if raw is not None:
            pages.append(CapturedPage.from_raw(raw, article_id=entry.article_id,
                                               title=entry.title))
    return write_warc(pages, filename=filename)


def export(selection: Selection, library, *, fmt: str, target: Path,
           style: str | None = None, overwrite: bool = False) -> Path:
    """Render and write; ``target`` is a file or a folder (then named after the title).

    For ``warc`` a target ending in ``.zip`` gets the evidence bundle: the WARC, the PDF
    rendering and ``SHA256SUMS``.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    path = output_path(Path(target), selection.title, EXTENSIONS[fmt])
    if not overwrite and path.exists():  # say so before the (possibly slow) rendering
        raise InputError(f"{path} already exists; choose another name or allow overwriting")
    if fmt == "warc" and path.name.lower().endswith(".zip"):
        from huaibei_reader.export.filenames import safe_stem
        from huaibei_reader.export.warc import evidence_zip

        stem = safe_stem(selection.title, max_bytes=120)
        warc_name = f"{stem}.warc.gz"
        files = {warc_name: render_warc(selection, library, filename=warc_name),
                 f"{stem}.pdf": render(selection, library, "pdf", style=style)}
        data = evidence_zip(files)
    else:
        data = render(selection, library, fmt, style=style)
    return write_file(path, data, overwrite=overwrite)
