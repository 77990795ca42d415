"""OPML 2.0, the feed readers' exchange format: read (safely, all or nothing) and write.

Feeds are ``<outline type="rss" xmlUrl=... htmlUrl=...>``; sites without a feed are written
as ``<outline type="link" url=...>`` (OPML 2.0's link type) and read back as sites.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException

from huaibei_reader import __version__
from huaibei_reader.errors import InputError
from huaibei_reader.models import Source

MAX_OPML_BYTES = 10 * 1024 * 1024
MAX_OUTLINES = 10_000


_DECLARED_ENCODING = re.compile(
    rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["'][^>]*\?>""")


def _parse(data: bytes) -> ET.Element:
    """Parse with every attack refused; files in encodings expat lacks (GBK, Big5: Chinese
    feed readers export those) are decoded here first."""
    try:
        return safe_et.fromstring(data, forbid_dtd=True, forbid_entities=True,
                                  forbid_external=True)
    except DefusedXmlException:  # a ValueError too, but an attack, not an encoding
        raise
    except ValueError:  # expat: "multi-byte encodings are not supported"
        declared = _DECLARED_ENCODING.match(data)
        if declared is None:
            raise InputError("not an OPML file: its character encoding cannot be read") from None
        name = declared.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk"):
            name = "gb18030"
        try:
            text = data[declared.end():].decode(name)
        except (LookupError, UnicodeDecodeError):
            raise InputError(f"not an OPML file: it is not readable as {name}") from None
        return safe_et.fromstring(text, forbid_dtd=True, forbid_entities=True,
                                  forbid_external=True)


def read_opml(data: bytes) -> list[Source]:
    """The sources listed in an OPML file, or :class:`InputError` (nothing half-read).

    DTDs, entities and external references are refused; categories (outlines without a URL)
    are walked into; an outline with an unusable URL makes the whole file an error.
    """
    if len(data) > MAX_OPML_BYTES:
        raise InputError(f"the OPML file is too large ({len(data) // (1024 * 1024)} MB; "
                         "at most 10 MB is read)")
    if not data.strip():
        raise InputError("the OPML file is empty")
    try:
        root = _parse(data)
    except DefusedXmlException:
        raise InputError("refused: the OPML file declares a DTD or entities "
                         "(a way to attack XML readers)") from None
    except ET.ParseError as exc:
        raise InputError(f"not an OPML file: the XML is broken ({exc})") from None
    if root.tag != "opml":
        raise InputError(f"not an OPML file: the document is <{root.tag[:40]}>, not <opml>")
    body = root.find("body")
    if body is None:
        raise InputError("not an OPML file: it has no <body>")
    sources: list[Source] = []
    seen: set[str] = set()
    count = 0
    for outline in body.iter("outline"):
        count += 1
        if count > MAX_OUTLINES:
            raise InputError(f"the OPML file lists more than {MAX_OUTLINES} outlines")
        source = _source(outline)
        if source is None:
            continue
        key = source.feed_url or source.url
        if key in seen:
            continue
        seen.add(key)
        sources.append(source)
    return sources


def _source(outline: ET.Element) -> Source | None:
    a = outline.attrib
    feed = (a.get("xmlUrl") or "").strip()
    page = (a.get("htmlUrl") or a.get("url") or "").strip()
    if not feed and not page:
        return None  # a category folder
    label = (a.get("title") or a.get("text") or "").strip()
    if feed:
        feed = _checked(feed, label)
        page = _checked(page, label) if page else feed
        return Source(id=None, name=_name(label, feed), url=page, kind="feed", feed_url=feed)
    page = _checked(page, label)
    return Source(id=None, name=_name(label, page), url=page, kind="site")


def _checked(url: str, label: str) -> str:
    if url.lower().startswith("feed://"):
        url = "http://" + url[7:]
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"the OPML outline {label or '(untitled)'!r} has an unusable "
                         f"address: {url[:200]!r}")
    return url


def _name(label: str, url: str) -> str:
    name = " ".join(label.split())[:200]
    return name or (urlsplit(url).hostname or url)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (they would break the file)."""
    return _NOT_XML.sub("", text)


def write_opml(sources: Iterable[Source], *, title: str = "Huaibei Reader sources") -> bytes:
    """An OPML 2.0 document listing ``sources`` (UTF-8)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    ET.SubElement(head, "docs").text = "https://opml.org/spec2.opml"
    ET.SubElement(head, "generator").text = f"Huaibei Reader {__version__}"
    body = ET.SubElement(root, "body")
    for s in sources:
        s = Source(s.id, _xml_safe(s.name), _xml_safe(s.url), s.kind,
                   _xml_safe(s.feed_url) if s.feed_url else None)
        if s.kind == "feed" and s.feed_url:
            ET.SubElement(body, "outline", type="rss", text=s.name, title=s.name,
                          xmlUrl=s.feed_url, htmlUrl=s.url)
        else:
            ET.SubElement(body, "outline", type="link", text=s.name, title=s.name, url=s.url,
                          htmlUrl=s.url)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8",
                                                                     xml_declaration=False) \
        + b"\n"
