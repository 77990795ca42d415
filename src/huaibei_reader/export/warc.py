"""Evidence archives: the original HTTP exchange as WARC (warcio), optionally zipped with a PDF.

Per page: a ``request`` record, the ``response`` record (status line, the response headers
the server sent, the raw body bytes as the library keeps them) and a ``metadata`` record that
refers to the response (retrieved at, SHA-256 of the body, app version, article id and title).
warcio adds the WARC block and payload digests, so a reader can check nothing changed since.

Honest about what is reconstructed: the library keeps the response, not the request, so the
request record is rebuilt from the URL and this app's User-Agent (the metadata says so). The
body is stored decoded (gzip/br undone by the HTTP client), so ``Content-Encoding`` and
``Transfer-Encoding`` are removed and ``Content-Length`` set to the stored length; their
original values are kept in the metadata record.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from huaibei_reader import __version__
from huaibei_reader.errors import InputError

SOFTWARE = f"Huaibei Reader {__version__}"
# Hop-by-hop or body-encoding headers that no longer describe the stored bytes.
_DROPPED = {"content-encoding", "transfer-encoding", "content-length", "connection",
            "keep-alive"}
_HTTP_REASONS = {200: "OK", 203: "Non-Authoritative Information"}


@dataclass(frozen=True)
class CapturedPage:
    """One stored HTTP response (the library's raw page) and the article it became."""

    url: str
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: datetime | None = None
    article_id: int | None = None
    title: str = ""
    status: int = 200

    @classmethod
    def from_raw(cls, raw, *, article_id: int | None = None, title: str = "") -> CapturedPage:
        """From any object with ``url``, ``content``, ``headers``, ``fetched_at``."""
        return cls(url=raw.url, content=bytes(raw.content), headers=dict(raw.headers or {}),
                   fetched_at=raw.fetched_at, article_id=article_id, title=title)


def _warc_date(moment: datetime | None) -> str:
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _ascii_uri(url: str) -> str:
    """WARC headers are ASCII: percent-encode what a stored URL may still hold raw."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def _request_bytes(url: str, user_agent: str) -> bytes:
    parts = urlsplit(url)
    target = _ascii_uri(parts.path or "/") + (f"?{_ascii_uri(parts.query)}" if parts.query
                                              else "")
    lines = [f"GET {target} HTTP/1.1", f"Host: {parts.hostname or ''}"
             + (f":{parts.port}" if parts.port else ""),
             f"User-Agent: {user_agent}", "Accept: text/html,application/xhtml+xml,*/*;q=0.8",
             "", ""]
    return "\r\n".join(lines).encode("ascii", "replace")


def _fields(values: dict[str, object]) -> bytes:
    """``application/warc-fields``: one ``Name: value`` per line, UTF-8."""
    out = []
    for name, value in values.items():
        if value is None or value == "":
            continue
        text = " ".join(str(value).split())  # one line each
        out.append(f"{name}: {text}\r\n")
    return "".join(out).encode("utf-8")


def write_warc(pages: Iterable[CapturedPage], *, user_agent: str = SOFTWARE,
               filename: str = "") -> bytes:
    """A gzipped WARC 1.1 file (bytes) holding the exchange and metadata of every page."""
    pages = list(pages)
    if not pages:
        raise InputError("no stored page to archive (the library keeps raw pages of articles "
                         "fetched by this app only)")
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True, warc_version="WARC/1.1")
    writer.write_record(writer.create_warcinfo_record(filename, {
        "software": SOFTWARE,
        "format": "WARC File Format 1.1",
        "description": "Evidence archive: the HTTP responses articles were read from",
        "isPartOf": filename or None,
    }))
    for page in pages:
        uri = _ascii_uri(page.url)
        date = _warc_date(page.fetched_at)
        original = {k.lower(): v for k, v in page.headers.items()}
        headers = [(k, str(v)) for k, v in page.headers.items() if k.lower() not in _DROPPED]
        headers.append(("Content-Length", str(len(page.content))))
        reason = _HTTP_REASONS.get(page.status, "")
        http = StatusAndHeaders(f"{page.status} {reason}".strip(), headers,
                                protocol="HTTP/1.1")
        response = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(page.content), length=len(page.content),
            http_headers=http, warc_headers_dict={"WARC-Date": date})
        req_body = _request_bytes(page.url, user_agent)
        request = writer.create_warc_record(
            uri, "request", payload=io.BytesIO(req_body), length=len(req_body),
            warc_headers_dict={"WARC-Date": date})
        writer.write_request_response_pair(request, response)
        meta = _fields({
            "retrieved-at": _warc_date(page.fetched_at) if page.fetched_at else None,
            "body-sha256": hashlib.sha256(page.content).hexdigest(),
            "body-length": len(page.content),
            "app-version": __version__,
            "software": SOFTWARE,
            "article-id": page.article_id,
            "title": page.title,
            "original-content-encoding": original.get("content-encoding"),
            "original-transfer-encoding": original.get("transfer-encoding"),
            "original-content-length": original.get("content-length"),
            "request-note": "request reconstructed from the URL and this app's User-Agent; "
                            "the response headers and body are as stored when fetched",
        })
        writer.write_record(writer.create_warc_record(
            uri, "metadata", payload=io.BytesIO(meta), length=len(meta),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Date": date,
                "WARC-Refers-To": response.rec_headers.get_header("WARC-Record-ID"),
            }))
    return buf.getvalue()


def sha256sums(files: dict[str, bytes]) -> bytes:
    """A ``SHA256SUMS`` file as ``sha256sum -c`` reads it (binary mode marks)."""
    return "".join(f"{hashlib.sha256(data).hexdigest()} *{name}\n"
                   for name, data in files.items()).encode("utf-8")


def evidence_zip(files: dict[str, bytes]) -> bytes:
    """A zip of ``files`` (e.g. the WARC and the PDF rendering) plus their ``SHA256SUMS``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        zf.writestr("SHA256SUMS", sha256sums(files))
    return buf.getvalue()
