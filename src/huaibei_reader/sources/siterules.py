"""Per-site rules as data: ``resources/sites/*.toml`` into frozen ``SiteRules``.

A rules file is read with the standard TOML parser and checked key by key; nothing in it
is ever executed. Any mistake (unknown key, wrong type, empty or broken selector, bad
regex) is an ``InputError`` naming the file and the key, raised at load time rather than
in the middle of a refresh.

File layout::

    name = "今日淮北"                      # required
    hosts = ["morang.cn", "www.morang.cn"]  # required, lower-case host names
    encoding = "utf-8"                      # optional

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

_TOP_KEYS = {"name", "hosts", "encoding", "discovery", "extract"}
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

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> InputError:
        return InputError(f"site rules {self.path.name}: {key}: {problem}")

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


def parse_site_rules(path: Path) -> SiteRules:
    """Read and validate one rules file."""
    check = _Checker(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"site rules {path.name}: cannot read: {exc.strerror}") from None
    if size > MAX_RULES_FILE_BYTES:
        raise InputError(f"site rules {path.name}: file too large ({size} bytes; "
                         f"limit {MAX_RULES_FILE_BYTES})")
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"site rules {path.name}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"site rules {path.name}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise InputError(f"site rules {path.name}: cannot read: {exc.strerror}") from None

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
                     encoding=encoding, discovery=discovery, extract=extract)


def load_site_rules(folder: Path) -> dict[str, SiteRules]:
    """All ``*.toml`` rules in a folder, keyed by file stem (``Source.rules`` names them).
    A missing folder gives no rules; a bad file is an ``InputError``."""
    folder = Path(folder)
    if not folder.is_dir():
        return {}
    return {path.stem: parse_site_rules(path) for path in sorted(folder.glob("*.toml"))}


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
            if pattern in (host, with_port) or host.endswith("." + pattern):
                if len(pattern) > best_len:
                    best, best_len = site, len(pattern)
    return best
