"""Exports over the library: choose what to export, render it in a format, write it safely.

Used by the CLI and the window alike, through ``ExportService``::

    exporter = ExportService(library, pdf_renderer=render_pdf)   # the composition root
    selection = exporter.select_bookmarks(tag="社区", progress=report, cancel=token)
    name = exporter.proposed_filename(selection, ExportFormat.PDF)  # for a save dialog
    result = exporter.export(selection, ExportFormat.PDF, folder / name,
                             ExportOptions(style="apa"), progress=report, cancel=token)

Nothing here imports the layers above: rendering a PDF needs Qt, so the composition root
hands a ``PdfRenderer`` in (the CLI and the window pass ``app.pdf.render_pdf``); without one,
PDF is simply not among ``formats``. The library is passed in too (``ExportLibrary``: what
is read from it); nothing here builds one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import InputError, KnownError, TargetExists
from huaibei_reader.export.citation import STYLES, citation_for, format_citation
from huaibei_reader.export.diff import ArticleDiff, diff_articles
from huaibei_reader.export.document import (
    ExportDocument,
    ExportEntry,
    article_entry,
    clipping_entries,
    title_for,
)
from huaibei_reader.export.filenames import output_path, safe_filename, safe_stem
from huaibei_reader.export.images import (
    FolderImages,
    ImageLookup,
    ImageSource,
    data_uri_source,
)
from huaibei_reader.export.writing import check_target, write_file, write_with_folder
from huaibei_reader.models import Bookmark, Clipping, LibraryArticle
from huaibei_reader.textsafe import one_line

__all__ = ["STYLES", "ExportFormat", "ExportLibrary", "ExportOptions", "ExportProgress",
           "ExportResult", "ExportService", "ExportStage", "ImageMode", "PdfRenderer",
           "Rendered", "Selection", "changed_since_bookmark", "changes_since", "select_articles",
           "select_bookmarks", "select_clippings", "version_when_bookmarked"]


class ExportFormat(StrEnum):
    MARKDOWN = "md"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    TEXT = "txt"
    JSON = "json"
    WARC = "warc"

    @property
    def extension(self) -> str:
        """The file name extension (without the dot) an export in this format gets."""
        return "warc.gz" if self is ExportFormat.WARC else self.value


FORMATS = tuple(f.value for f in ExportFormat)


class ImageMode(StrEnum):
    """What a Markdown export does with pictures (the other formats embed them)."""

    EMBED = "embed"  # the library's bytes inlined as data: URIs: one self-contained file
    FOLDER = "folder"  # files in a folder beside the export, named "<file name>_images"
    TEXT = "text"  # captions only


class ExportStage(StrEnum):
    READING = "reading"  # articles, bookmarks and clippings from the library: one per article
    RENDERING = "rendering"  # the document, counted in pictures read from the library
    WRITING = "writing"


@dataclass(frozen=True)
class ExportProgress:
    """``done`` of ``total`` steps of ``stage`` (total 0: a step of unknown length)."""

    stage: ExportStage
    done: int
    total: int


ProgressCallback = Callable[[ExportProgress], None]


class PdfRenderer(Protocol):
    """Renders a document as PDF bytes, pictures from ``images`` (``app.pdf.render_pdf``)."""

    def __call__(self, doc: ExportDocument, images: ImageLookup | None = None, /) -> bytes: ...


class _Articles(Protocol):
    def get(self, article_id: int) -> LibraryArticle: ...


class _Marks(Protocol):
    def bookmark_of(self, article_id: int) -> Bookmark | None: ...
    def bookmarks(self, *, tag: str | None = None) -> list[Bookmark]: ...
    def clippings(self, *, tag: str | None = None, source_id: int | None = None,
                  article_id: int | None = None) -> list[Clipping]: ...


class _Versions(Protocol):
    def all(self, article_id: int) -> list[Any]: ...  # store.ArticleVersion
    def raw_page(self, article_id: int) -> Any: ...  # store.RawPage or None


class _Images(Protocol):
    def get(self, url: str) -> tuple[bytes, str] | None: ...


class ExportLibrary(Protocol):
    """What an export reads from the library (``store.Library``'s repositories)."""

    @property
    def articles(self) -> _Articles: ...
    @property
    def marks(self) -> _Marks: ...
    @property
    def versions(self) -> _Versions: ...
    @property
    def images(self) -> _Images: ...


@dataclass(frozen=True)
class ExportOptions:
    """How to export: citation ``style`` (None: by each article's language, see
    ``export.citation``), whether an existing file may be replaced, Markdown pictures."""

    style: str | None = None
    overwrite: bool = False
    images: ImageMode = ImageMode.EMBED


@dataclass(frozen=True)
class ExportResult:
    path: Path  # the export itself
    files: tuple[Path, ...]  # everything written, the export first (then its pictures)
    entries: int
    stale_count: int  # clippings whose quote is no longer in their article's current text


@dataclass(frozen=True)
class Selection:
    """What to export: entries in order, and a title for the document and file name."""

    title: str
    entries: tuple[ExportEntry, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", one_line(self.title))  # it names files and windows

    @property
    def article_ids(self) -> list[int]:
        return [e.article_id for e in self.entries if e.article_id is not None]

    @property
    def stale_count(self) -> int:
        return sum(len(e.stale) for e in self.entries)


# --- choosing what to export ------------------------------------------------------------


class _Steps:
    """Reports ``stage`` progress and checks the cancel token between steps."""

    def __init__(self, stage: ExportStage, total: int, progress: ProgressCallback | None,
                 cancel: CancelToken | None) -> None:
        self.stage, self.total, self.done = stage, total, 0
        self._progress, self._cancel = progress, cancel
        self.step(0)

    def step(self, n: int = 1) -> None:
        if self._cancel is not None:
            self._cancel.raise_if_cancelled()
        self.done += n
        if self._progress is not None:
            self._progress(ExportProgress(self.stage, self.done, self.total))


def _oldest_first(clippings: Iterable[Clipping]) -> list[Clipping]:
    return sorted(clippings, key=lambda c: (c.created_at, c.id or 0))


def select_articles(library: ExportLibrary, ids: Sequence[int], *,
                    progress: ProgressCallback | None = None,
                    cancel: CancelToken | None = None) -> Selection:
    """The given articles (in the order given, each once) with bookmark and clippings."""
    wanted = list(dict.fromkeys(ids))
    steps = _Steps(ExportStage.READING, len(wanted), progress, cancel)
    entries = []
    for article_id in wanted:
        item = library.articles.get(article_id)
        entries.append(article_entry(
            item, bookmark=library.marks.bookmark_of(item.id),
            clippings=_oldest_first(library.marks.clippings(article_id=item.id))))
        steps.step()
    return Selection(title_for(entries, "文章 Articles"), tuple(entries))


def select_bookmarks(library: ExportLibrary, *, tag: str | None = None,
                     progress: ProgressCallback | None = None,
                     cancel: CancelToken | None = None) -> Selection:
    """Every bookmarked article (optionally only those tagged ``tag``), newest bookmark first."""
    marks = library.marks.bookmarks(tag=tag)
    if not marks:
        raise InputError(f"no bookmarks tagged {tag!r}" if tag else "there are no bookmarks")
    steps = _Steps(ExportStage.READING, len(marks), progress, cancel)
    entries = []
    for mark in marks:
        item = library.articles.get(mark.article_id)
        entries.append(article_entry(
            item, bookmark=mark,
            clippings=_oldest_first(library.marks.clippings(article_id=item.id))))
        steps.step()
    title = f"书签 Bookmarks: {tag}" if tag else "书签 Bookmarks"
    return Selection(title, tuple(entries))


def select_clippings(library: ExportLibrary, *, tag: str | None = None,
                     progress: ProgressCallback | None = None,
                     cancel: CancelToken | None = None) -> Selection:
    """Clippings (optionally of one tag), grouped by article, checked against current text,
    each article with its real bookmark state and note."""
    clips = _oldest_first(library.marks.clippings(tag=tag))
    if not clips:
        raise InputError(f"no clippings tagged {tag!r}" if tag else "there are no clippings")
    steps = _Steps(ExportStage.READING, len({c.article_id for c in clips}), progress, cancel)

    def current(article_id: int) -> LibraryArticle | None:
        steps.step()
        try:
            return library.articles.get(article_id)
        except KnownError:  # the article was removed since; its clippings remain
            return None

    title = f"摘录 Clippings: {tag}" if tag else "摘录 Clippings"
    return Selection(title, clipping_entries(clips, current, library.marks.bookmark_of))


# --- what changed since a mark ----------------------------------------------------------


def changes_since(library: ExportLibrary, article_id: int, version: int) -> ArticleDiff:
    """What changed in an article since ``version`` (e.g. a clipping's ``article_version``)."""
    versions = library.versions.all(article_id)
    old = next((v for v in versions if v.version == version), None)
    if old is None:
        raise InputError(f"article {article_id} has no version {version}")
    return diff_articles(old.article, versions[-1].article)


def changed_since_bookmark(item: LibraryArticle, bookmark: Bookmark) -> bool:
    """True when the article's text changed after it was bookmarked."""
    return item.version > 1 and item.updated_at > bookmark.created_at


def version_when_bookmarked(library: ExportLibrary, article_id: int, bookmark: Bookmark) -> int:
    """The version that was current when ``bookmark`` was made (the first one if unknown)."""
    versions = library.versions.all(article_id)
    current = versions[0].version
    for v in versions:
        if v.fetched_at is not None and v.fetched_at <= bookmark.created_at:
            current = v.version
    return current


# --- rendering and writing --------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    """One export's bytes, and the pictures to write beside it (``ImageMode.FOLDER``)."""

    data: bytes
    folder: str = ""
    files: dict[str, bytes] | None = None


def images_folder_name(path: Path) -> str:
    """The folder beside ``path`` that holds its pictures: ``<file name>_images``."""
    name = path.name
    for suffix in (".md", ".markdown"):
        if name.lower().endswith(suffix):
            name = name[:-len(suffix)]
    return f"{name}_images"


class ExportService:
    """Exports from one library; PDF only when the composition root gives a renderer."""

    def __init__(self, library: ExportLibrary, *,
                 pdf_renderer: PdfRenderer | None = None) -> None:
        self.library = library
        self._pdf = pdf_renderer

    @property
    def formats(self) -> tuple[ExportFormat, ...]:
        """The formats this service can write (PDF needs a renderer)."""
        return tuple(f for f in ExportFormat if f is not ExportFormat.PDF or self._pdf)

    styles = STYLES  # citation styles, for ExportOptions.style

    # -- choosing ---------------------------------------------------------------------------

    def select_articles(self, ids: Sequence[int], *, progress: ProgressCallback | None = None,
                        cancel: CancelToken | None = None) -> Selection:
        return select_articles(self.library, ids, progress=progress, cancel=cancel)

    def select_bookmarks(self, *, tag: str | None = None,
                         progress: ProgressCallback | None = None,
                         cancel: CancelToken | None = None) -> Selection:
        return select_bookmarks(self.library, tag=tag, progress=progress, cancel=cancel)

    def select_clippings(self, *, tag: str | None = None,
                         progress: ProgressCallback | None = None,
                         cancel: CancelToken | None = None) -> Selection:
        return select_clippings(self.library, tag=tag, progress=progress, cancel=cancel)

    def cite(self, article_id: int, style: str | None = None) -> str:
        """The reference of one article in ``style`` (None: by its language)."""
        return format_citation(citation_for(self.library.articles.get(article_id)), style)

    # -- naming -----------------------------------------------------------------------------

    def proposed_filename(self, selection: Selection, fmt: ExportFormat | str) -> str:
        """A file name for a save dialog: the selection's title made safe on every system.
        A WARC named ``.zip`` instead becomes the evidence bundle (WARC + PDF + SHA256SUMS)."""
        return safe_filename(selection.title, _format(fmt).extension)

    # -- rendering and writing --------------------------------------------------------------

    def render(self, selection: Selection, fmt: ExportFormat | str, *,
               style: str | None = None, images: ImageMode = ImageMode.EMBED,
               images_folder: str = "", progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None) -> Rendered:
        """The selection in ``fmt``; Markdown pictures as ``images`` says (for
        ``ImageMode.FOLDER``, links into ``images_folder``)."""
        fmt = _format(fmt)
        if fmt is ExportFormat.PDF and self._pdf is None:
            raise InputError("PDF export is not available here (no PDF renderer)")
        doc = ExportDocument(title=selection.title, entries=selection.entries,
                             created_at=datetime.now(UTC), style=style)
        lookup = self._image_lookup(selection, fmt, images, progress, cancel)
        if fmt is ExportFormat.MARKDOWN:
            from huaibei_reader.export.markdown import render_markdown

            source: ImageSource | None = None
            folder = None
            if images is ImageMode.EMBED:
                source = data_uri_source(lookup)
            elif images is ImageMode.FOLDER:
                source = folder = FolderImages(lookup, images_folder or "images")
            text = render_markdown(doc, source)
            if folder is not None and folder.files:
                return Rendered(text.encode("utf-8"), folder.folder_name, folder.files)
            return Rendered(text.encode("utf-8"))
        if fmt is ExportFormat.HTML:
            from huaibei_reader.export.html import render_html

            return Rendered(render_html(doc, lookup).encode("utf-8"))
        if fmt is ExportFormat.TEXT:
            from huaibei_reader.export.text import render_text

            return Rendered(render_text(doc).encode("utf-8"))
        if fmt is ExportFormat.JSON:
            from huaibei_reader.export.json_export import render_json

            return Rendered(render_json(doc).encode("utf-8"))
        if fmt is ExportFormat.DOCX:
            from huaibei_reader.export.docx import render_docx

            return Rendered(render_docx(doc, lookup))
        if fmt is ExportFormat.PDF:
            assert self._pdf is not None
            return Rendered(self._pdf(doc, lookup))
        return Rendered(self._warc(selection))

    def export(self, selection: Selection, fmt: ExportFormat | str, target: Path,
               options: ExportOptions = ExportOptions(), *,
               progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None) -> ExportResult:
        """Render and write; ``target`` is a file, or a folder (then named after the title).

        For ``warc`` a target ending in ``.zip`` gets the evidence bundle: the WARC, the PDF
        rendering and ``SHA256SUMS``. Raises ``TargetExists`` (unless ``options.overwrite``)
        and ``CannotWrite`` (read-only, full, missing folder) naming the target.
        """
        fmt = _format(fmt)
        path = output_path(Path(target), selection.title, fmt.extension)
        check_target(path, overwrite=options.overwrite)  # before the (possibly slow) rendering
        folder = path.with_name(images_folder_name(path))
        markdown_folder = fmt is ExportFormat.MARKDOWN and options.images is ImageMode.FOLDER
        if markdown_folder and folder.exists() and not options.overwrite:
            raise TargetExists(folder)
        if fmt is ExportFormat.WARC and path.name.lower().endswith(".zip"):
            rendered = Rendered(self._evidence_zip(selection, options.style, progress, cancel))
        else:
            rendered = self.render(selection, fmt, style=options.style, images=options.images,
                                   images_folder=folder.name, progress=progress, cancel=cancel)
        _Steps(ExportStage.WRITING, 1, progress, cancel)
        if rendered.files:
            files = write_with_folder(path, rendered.data, folder, rendered.files,
                                      overwrite=options.overwrite)
        else:
            files = [write_file(path, rendered.data, overwrite=options.overwrite)]
        if progress is not None:
            progress(ExportProgress(ExportStage.WRITING, 1, 1))
        return ExportResult(path=path, files=tuple(files), entries=len(selection.entries),
                            stale_count=selection.stale_count)

    # -- helpers ----------------------------------------------------------------------------

    def _image_lookup(self, selection: Selection, fmt: ExportFormat, images: ImageMode,
                      progress: ProgressCallback | None,
                      cancel: CancelToken | None) -> ImageLookup | None:
        """The library's picture lookup, counting rendering steps (and cancellable) per picture.
        Reports the rendering stage's start for every format (total 0 when no pictures)."""
        wanted = fmt in (ExportFormat.HTML, ExportFormat.DOCX, ExportFormat.PDF) or (
            fmt is ExportFormat.MARKDOWN and images is not ImageMode.TEXT)
        urls = {u for e in selection.entries if e.article is not None for u in e.article.images}
        steps = _Steps(ExportStage.RENDERING, len(urls) if wanted else 0, progress, cancel)
        if not wanted:
            return None
        seen: set[str] = set()

        def lookup(url: str) -> tuple[bytes, str] | None:
            if url not in seen:
                seen.add(url)
                steps.step()
            return self.library.images.get(url)

        return lookup

    def _warc(self, selection: Selection, *, filename: str = "") -> bytes:
        from huaibei_reader.export.warc import CapturedPage, write_warc

        pages = []
        for entry in selection.entries:
            if entry.article_id is None:
                continue
            raw = self.library.versions.raw_page(entry.article_id)
            if raw is not None:
                pages.append(CapturedPage.from_raw(raw, article_id=entry.article_id,
                                                   title=one_line(entry.title)))
        return write_warc(pages, filename=filename)

    def _evidence_zip(self, selection: Selection, style: str | None,
                      progress: ProgressCallback | None, cancel: CancelToken | None) -> bytes:
        from huaibei_reader.export.warc import evidence_zip

        stem = safe_stem(selection.title, max_bytes=120)
        warc_name = f"{stem}.warc.gz"
        files = {warc_name: self._warc(selection, filename=warc_name),
                 f"{stem}.pdf": self.render(selection, ExportFormat.PDF, style=style,
                                            progress=progress, cancel=cancel).data}
        return evidence_zip(files)


def _format(fmt: ExportFormat | str) -> ExportFormat:
    try:
        return ExportFormat(fmt)
    except ValueError:
        raise InputError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})"
                         ) from None
