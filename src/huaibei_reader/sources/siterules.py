"""Per-site rules as data: ``*.toml`` files into frozen ``SiteRules``, the one place the
app knows anything about a particular site.

The bundled rules (``resources/sites``) come first; a person adds or replaces rules with
files in the ``sites`` folder of the data directory (a file named like a bundled one
replaces it). A rules file is read with the standard TOML parser and checked key by key;
nothing in it is ever executed. Any mistake (unknown key, wrong type, empty or broken
selector, bad regex) is an ``InputError`` naming the file and the key, raised at load time
rather than in the middle of a refresh.

File layout::

    name = "今日淮北"                      # required
    hosts = ["morang.cn", "www.morang.cn"]  # required, lower-case host names
    encoding = "utf-8"                      # optional: read pages in this codec, whatever
                                            # they declare

    [source]                                # optional: a built-in source, added by name
    start_url = "https://www.morang.cn/"    # required in [source]; on one of the hosts
    aliases = ["morang", "morang.cn"]       # other names it is added by (besides name)

    [discovery]                             # optional
    list_pages = ["/", "/list/1.html"]
    article_patterns = ['/article/\\d+\\.html$']
    exclude_patterns = []
    next_selectors = ["a.next"]             # CSS, or XPath when it starts with / or (
    max_pages = 3

    [extract]                               # optional; selectors as above
    content = ["div.article-content"]
    remove = []
    title = []
    published = []
    publisher = []
    authors = []
"""

from __future__ import annotations

import codecs
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from huaibei_reader.errors import InputError
from huaibei_reader.models import DiscoveryRules, ExtractRules, SiteRules

MAX_RULES_FILE_BYTES = 256 * 1024  # a rules file is a few hundred bytes; refuse anything huge
MAX_LIST_ITEMS = 200
MAX_PAGES_LIMIT = 100

_TOP_KEYS = {"name", "hosts", "encoding", "source", "discovery", "extract"}
_SOURCE_KEYS = {"start_url", "aliases"}
USER_RULES_FOLDER = "sites"  # in the data directory: the person's own rules files
_DISCOVERY_LISTS = ("list_pages", "article_patterns", "exclude_patterns", "next_selectors")
_EXTRACT_LISTS = ("content", "remove", "title", "published", "publisher", "authors")
_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?"
                   r"(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*(?::\d{1,5})?$")


def compile_selector(selector: str) -> Callable[[Any], list]:
    """A CSS selector, or an XPath expression when it starts with ``/``, ``./`` or ``(``,
    compiled into a callable on an lxml element. Raises ``ValueError`` when invalid."""
    text = selector.strip()
    if not text:
        raise ValueError("empty selector")
    if text.startswith(("/", "./", "(")):
        try:
            return etree.XPath(text)
        except etree.XPathSyntaxError as exc:
            raise ValueError(f"invalid XPath: {exc}") from None
    try:
        from cssselect import GenericTranslator, SelectorError
    except ImportError:  # pragma: no cover - cssselect ships with the app
        raise ValueError("CSS selectors need the cssselect package; use XPath") from None
    try:
        xpath = GenericTranslator().css_to_xpath(text)
    except SelectorError as exc:
        raise ValueError(f"invalid CSS selector: {exc}") from None
    return etree.XPath(xpath)


class _Checker:
    """Validates one file's parsed TOML, with the file name in every message."""

    def __init__(self, shown: str) -> None:
        self.shown = shown

    def fail(self, key: str, problem: str) -> InputError:
        return InputError(f"site rules {self.shown}: {key}: {problem}")

    def table(self, data: Any, key: str, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(key, "must be a table")
        for name in data:
            if name not in allowed:
                where = f"{key}.{name}" if key else name
                raise self.fail(where, "unknown key (allowed: " + ", ".join(sorted(allowed))
                                + ")")
        return data

    def string(self, value: Any, key: str, *, required: bool = False) -> str | None:
        if value is None:
            if required:
                raise self.fail(key, "missing")
            return None
        if not isinstance(value, str):
            raise self.fail(key, f"must be a string, not {_type_name(value)}")
        if not value.strip():
            raise self.fail(key, "must not be empty")
        return value.strip()

    def strings(self, value: Any, key: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            raise self.fail(key, "must be a list of strings (write [\"...\"])")
        if not isinstance(value, list):
            raise self.fail(key, f"must be a list of strings, not {_type_name(value)}")
        if len(value) > MAX_LIST_ITEMS:
            raise self.fail(key, f"more than {MAX_LIST_ITEMS} entries")
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise self.fail(f"{key}[{index}]", f"must be a string, not {_type_name(item)}")
            if not item.strip():
                raise self.fail(f"{key}[{index}]", "must not be empty")
            items.append(item.strip())
        return tuple(items)

    def selectors(self, value: Any, key: str) -> tuple[str, ...]:
        items = self.strings(value, key)
        for index, item in enumerate(items):
            try:
                compile_selector(item)
            except ValueError as exc:
                raise self.fail(f"{key}[{index}]", str(exc)) from None
        return items

    def patterns(self, value: Any, key: str) -> tuple[str, ...]:
        items = self.strings(value, key)
        for index, item in enumerate(items):
            try:
                re.compile(item)
            except re.error as exc:
                raise self.fail(f"{key}[{index}]", f"invalid regular expression: {exc}") from None
        return items


def _type_name(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def parse_site_rules(path: Path, *, shown: str | None = None) -> SiteRules:
    """Read and validate one rules file; messages name it as ``shown`` (default: the file
    name; the user's files are named by their full path, so they can be found)."""
    shown = shown or path.name
    check = _Checker(shown)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"site rules {shown}: cannot read: {exc.strerror}") from None
    if size > MAX_RULES_FILE_BYTES:
        raise InputError(f"site rules {shown}: file too large ({size} bytes; "
                         f"limit {MAX_RULES_FILE_BYTES})")
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"site rules {shown}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"site rules {shown}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise InputError(f"site rules {shown}: cannot read: {exc.strerror}") from None

    top = check.table(data, "", _TOP_KEYS)
    name = check.string(top.get("name"), "name", required=True)
    hosts = check.strings(top.get("hosts"), "hosts")
    if not hosts:
        raise check.fail("hosts", "needs at least one host name")
    for index, host in enumerate(hosts):
        if not _HOST.match(host.lower()):
            raise check.fail(f"hosts[{index}]", f"not a host name: {host!r}")
    encoding = check.string(top.get("encoding"), "encoding")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise check.fail("encoding", f"unknown encoding {encoding!r}") from None
    start_url, aliases = _source(check, top.get("source"), hosts)

    disc = check.table(top.get("discovery", {}), "discovery",
                       set(_DISCOVERY_LISTS) | {"max_pages"})
    max_pages = disc.get("max_pages", DiscoveryRules.max_pages)
    if not isinstance(max_pages, int) or isinstance(max_pages, bool):
        raise check.fail("discovery.max_pages", f"must be a whole number, not "
                         f"{_type_name(max_pages)}")
    if not 1 <= max_pages <= MAX_PAGES_LIMIT:
        raise check.fail("discovery.max_pages", f"must be between 1 and {MAX_PAGES_LIMIT}")
    discovery = DiscoveryRules(
        list_pages=check.strings(disc.get("list_pages"), "discovery.list_pages"),
        article_patterns=check.patterns(disc.get("article_patterns"),
                                        "discovery.article_patterns"),
        exclude_patterns=check.patterns(disc.get("exclude_patterns"),
                                        "discovery.exclude_patterns"),
        next_selectors=check.selectors(disc.get("next_selectors"), "discovery.next_selectors"),
        max_pages=max_pages,
    )
    ext = check.table(top.get("extract", {}), "extract", set(_EXTRACT_LISTS))
    extract = ExtractRules(**{key: check.selectors(ext.get(key), f"extract.{key}")
                              for key in _EXTRACT_LISTS})
    return SiteRules(name=name or path.stem, hosts=tuple(h.lower() for h in hosts),
                     encoding=encoding, start_url=start_url, aliases=aliases,
                     discovery=discovery, extract=extract)


def _source(check: _Checker, value: Any, hosts: tuple[str, ...]
            ) -> tuple[str | None, tuple[str, ...]]:
    """The [source] table: a start URL on one of the rules' hosts, and aliases."""
    if value is None:
        return None, ()
    table = check.table(value, "source", _SOURCE_KEYS)
    start_url = check.string(table.get("start_url"), "source.start_url", required=True)
    assert start_url is not None
    try:
        parts = urlsplit(start_url)
        host = (parts.hostname or "").lower()
    except ValueError:
        raise check.fail("source.start_url", f"not a web address: {start_url!r}") from None
    if parts.scheme not in ("http", "https") or not host:
        raise check.fail("source.start_url", f"not an http(s) address: {start_url!r}")
    if not any(host == h or host.endswith("." + h) for h in (x.lower() for x in hosts)):
        raise check.fail("source.start_url", f"its host {host} is not among hosts")
    return start_url, check.strings(table.get("aliases"), "source.aliases")


def load_site_rules(folder: Path, *, full_paths: bool = False) -> dict[str, SiteRules]:
    """All ``*.toml`` rules in a folder, keyed by file stem (``Source.rules`` names them).
    A missing folder gives no rules; a bad file is an ``InputError`` (naming the file by
    its full path with ``full_paths``)."""
    folder = Path(folder)
    if not folder.is_dir():
        return {}
    return {path.stem: parse_site_rules(path, shown=str(path) if full_paths else None)
            for path in sorted(folder.glob("*.toml"))}


def all_site_rules(bundled: Path, data_dir: Path | None) -> dict[str, SiteRules]:
    """The bundled rules, then the person's (``<data dir>/sites``), which add sites or
    replace a bundled file of the same name. Both are checked by the same validator."""
    rules = load_site_rules(bundled)
    if data_dir is not None:
        rules.update(load_site_rules(Path(data_dir) / USER_RULES_FOLDER, full_paths=True))
    return rules


def rules_for_url(rules: dict[str, SiteRules], url: str) -> SiteRules | None:
    """The rules whose hosts cover the URL's host (exact, or a subdomain of one)."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if not host:
        return None
    with_port = f"{host}:{port}" if port else host
    best: SiteRules | None = None
    best_len = -1
    for site in rules.values():
        for pattern in site.hosts:
            covers = pattern in (host, with_port) or host.endswith("." + pattern)
            if covers and len(pattern) > best_len:
                best, best_len = site, len(pattern)
    return best
