"""The headless composition root: builds the library, the HTTP client and the site rules.

The CLI and the window both start here; nothing below this module builds its own
collaborators, and nothing here is a module-level singleton.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from huaibei_reader import __version__

if TYPE_CHECKING:
    from huaibei_reader.export.document import ExportDocument
    from huaibei_reader.export.images import ImageLookup
    from huaibei_reader.export.service import ExportService
    from huaibei_reader.models import SiteRules
    from huaibei_reader.net import HttpClient, HttpConfig
    from huaibei_reader.store import Library

LIBRARY_FILE = "library.sqlite3"


def user_agent() -> str:
    return f"HuaibeiReader/{__version__} (+https://github.com/huaibei-reader; desktop news reader)"


def render_pdf(doc: ExportDocument, images: ImageLookup | None = None, /) -> bytes:
    """The PDF renderer handed to exports: Qt is imported here, when a PDF is asked for, so
    an export in any other format (and the CLI that makes it) never loads Qt."""
    from huaibei_reader.app.pdf import render_pdf as render_with_qt

    return render_with_qt(doc, images)


class Services:
    """Owns the long-lived objects of one running app or CLI command."""

    def __init__(self, data_dir: Path, *, http_config: HttpConfig | None = None,
                 notify: Callable[[str], None] | None = None,
                 library_cache_kib: int | None = None) -> None:
        self.data_dir = Path(data_dir)
        # SQLite page cache per thread's connection (None: the store's default).
        self._library_cache_kib = library_cache_kib
        self._http_config = http_config
        # Where messages for the person go (stderr for the CLI, the status bar for the window).
        self._notify = notify
        self._told_moved_aside = False

    @cached_property
    def library(self) -> Library:
        from huaibei_reader.errors import LibraryError
        from huaibei_reader.store import Library

        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(
                f"cannot create the data folder {self.data_dir}: {exc.strerror}") from None
        if self._library_cache_kib is None:
            library = Library.open(self.data_dir / LIBRARY_FILE)
        else:
            library = Library.open(self.data_dir / LIBRARY_FILE,
                                   cache_kib=self._library_cache_kib)
        if library.moved_aside is not None and self._notify is not None:
            self._notify(f"the library was damaged; it was moved to {library.moved_aside} "
                         "and a new, empty library was started")
            self._told_moved_aside = True
        return library

    @cached_property
    def http_client(self) -> HttpClient:
        from huaibei_reader.net import HttpClient, HttpConfig

        config = self._http_config or HttpConfig(user_agent=user_agent())
        return HttpClient(config)

    @cached_property
    def exporter(self) -> ExportService:
        """Exports from this library; PDF through Qt, loaded only when a PDF is made."""
        from huaibei_reader.export.service import ExportService

        return ExportService(self.library, pdf_renderer=render_pdf)

    @cached_property
    def site_rules(self) -> dict[str, SiteRules]:
        from huaibei_reader.paths import site_rules_dir
        from huaibei_reader.sources.siterules import load_site_rules

        return load_site_rules(site_rules_dir())

    def close(self) -> None:
        if "library" in self.__dict__:
            self.library.close()
        if "http_client" in self.__dict__:
            self.http_client.close()
