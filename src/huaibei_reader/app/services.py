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
    from huaibei_reader.app.settings import Settings
    from huaibei_reader.export.document import ExportDocument
    from huaibei_reader.export.images import ImageLookup
    from huaibei_reader.export.service import ExportService
    from huaibei_reader.models import SiteRules
    from huaibei_reader.net import HttpClient, HttpConfig
    from huaibei_reader.store import Library

LIBRARY_FILE = "library.sqlite3"
DEMO_HOST = "127.0.0.1"  # where the demo serves the sample edition (demo/server.py)


def user_agent() -> str:
    return f"HuaibeiReader/{__version__} (+https://github.com/huaibei-reader; desktop news reader)"


def http_config_from(settings: Settings, *, demo: bool = False) -> HttpConfig:
    """The HTTP client's settings from the user's: the one place both the window and the
    command line build them (politeness pause, per-host limit, proxy, deadline, local
    sources).

    The demo library holds only the sample edition served on loopback: it skips the
    politeness pause and the proxy meant for real servers, and is allowed that one local
    host (and no other).
    """
    from huaibei_reader.net.addresses import AddressPolicy
    from huaibei_reader.net.config import HttpConfig

    if demo:
        policy = AddressPolicy(local_hosts=frozenset({DEMO_HOST}))
    else:
        policy = AddressPolicy(allow_local=settings.get("net/allow_local_sources"),
                               local_hosts=frozenset(settings.get("net/local_sources")))
    proxy = "" if demo else settings.get("net/proxy")
    return HttpConfig(user_agent=user_agent(), per_host_limit=settings.get("net/per_host_limit"),
                      min_delay=0.0 if demo else settings.get("net/host_delay_seconds"),
                      total_timeout=settings.get("net/fetch_timeout_seconds"),
                      proxies={"http": proxy, "https": proxy} if proxy else None,
                      address_policy=policy)


def render_pdf(doc: ExportDocument, images: ImageLookup | None = None, /) -> bytes:
    """The PDF renderer handed to exports: Qt is imported here, when a PDF is asked for, so
    an export in any other format (and the CLI that makes it) never loads Qt."""
    from huaibei_reader.app.pdf import render_pdf as render_with_qt

    return render_with_qt(doc, images)


class Services:
    """Owns the long-lived objects of one running app or CLI command."""

    def __init__(self, data_dir: Path, *, http_config: HttpConfig | None = None,
                 settings: Settings | None = None, demo: bool = False,
                 notify: Callable[[str], None] | None = None,
                 library_cache_kib: int | None = None, read_only: bool = False) -> None:
        self.data_dir = Path(data_dir)
        # Read an existing library without writing to it (a folder the reader cannot write).
        self.read_only = read_only
        if settings is None:  # the command line: the window's settings file, read only
            from huaibei_reader.app.settings import SETTINGS_FILE, IniFile, Settings

            settings = Settings(IniFile(self.data_dir / SETTINGS_FILE))
        self.settings = settings
        self._demo = demo
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
        from huaibei_reader.store.connection import DEFAULT_CACHE_KIB

        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            if not (self.read_only and self.data_dir.is_dir()):
                raise LibraryError(
                    f"cannot create the data folder {self.data_dir}: {exc.strerror}",
                    kind="data-folder", path=str(self.data_dir),
                    detail=exc.strerror or "") from None
        library = Library.open(self.data_dir / LIBRARY_FILE, read_only=self.read_only,
                               cache_kib=self._library_cache_kib or DEFAULT_CACHE_KIB)
        if library.moved_aside is not None and self._notify is not None:
            salvaged = library.salvaged
            self._notify(f"the library was damaged; it was moved to {library.moved_aside} "
                         "and a new library was started"
                         + (f": {salvaged.summary()}" if salvaged is not None else ""))
            self._told_moved_aside = True
        return library

    @cached_property
    def http_client(self) -> HttpClient:
        from huaibei_reader.net import HttpClient

        return HttpClient(self._http_config or http_config_from(self.settings, demo=self._demo))

    @cached_property
    def exporter(self) -> ExportService:
        """Exports from this library; PDF through Qt, loaded only when a PDF is made."""
        from huaibei_reader.export.service import ExportService

        return ExportService(self.library, pdf_renderer=render_pdf)

    @cached_property
    def site_rules(self) -> dict[str, SiteRules]:
        """The bundled rules and the person's own (``<data dir>/sites/*.toml``); a bad file
        is an ``InputError`` naming it and the key."""
        from huaibei_reader.paths import site_rules_dir
        from huaibei_reader.sources.siterules import all_site_rules

        return all_site_rules(site_rules_dir(), self.data_dir)

    def close(self) -> None:
        if "library" in self.__dict__:
            self.library.close()
        if "http_client" in self.__dict__:
            self.http_client.close()
