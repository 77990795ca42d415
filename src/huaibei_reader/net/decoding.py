"""Content-Encoding (gzip, deflate) inflated here, a raw chunk at a time, never past a cap.

urllib3's own decoding reads until it has *decoded* output, so a gzip stream whose header
never ends (an endless file-name field) or that inflates nothing would keep it reading past
every limit. The client therefore reads raw bytes, checks its deadline, size cap and cancel
token after each raw chunk, and hands the chunk to :class:`BoundedDecoder`, whose output per
call is bounded by the room left under the cap (a decompression bomb is cut off at the cap,
not inflated whole).
"""

from __future__ import annotations

import zlib

SUPPORTED = ("gzip", "x-gzip", "deflate")
ACCEPT_ENCODING = "gzip, deflate"  # what the client asks for: exactly what it can inflate


class DecodeFailed(ValueError):
    """The compressed data is broken."""


class UnsupportedEncoding(ValueError):
    """The response uses a Content-Encoding the reader cannot inflate (``.encoding``)."""

    def __init__(self, encoding: str) -> None:
        super().__init__(encoding)
        self.encoding = encoding


class _Gzip:
    """One gzip stream; further members (a gzip file may hold several) follow one another."""

    def __init__(self) -> None:
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._members = 1
        self._trailing = False  # garbage after a complete member: ignored, as browsers do

    def feed(self, data: bytes, max_out: int) -> bytes:
        out = bytearray()
        while data and not self._trailing and len(out) < max_out:
            try:
                out += self._inflater.decompress(data, max_out - len(out))
            except zlib.error:
                if self._members == 1 or out:
                    raise DecodeFailed("broken gzip data") from None
                self._trailing = True
                break
            if self._inflater.eof:
                data = self._inflater.unused_data
                if data:
                    self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    self._members += 1
            else:
                data = self._inflater.unconsumed_tail
        return bytes(out)

    def flush(self) -> bytes:
        return b"" if self._trailing else self._inflater.flush()


class _Deflate:
    """HTTP's "deflate" is zlib-wrapped; some servers send raw deflate: both are read."""

    def __init__(self) -> None:
        self._inflater = zlib.decompressobj()
        self._first: bytes | None = b""  # kept until we know which of the two it is

    def feed(self, data: bytes, max_out: int) -> bytes:
        try:
            out = self._inflater.decompress(data, max_out)
        except zlib.error:
            if self._first is None:
                raise DecodeFailed("broken deflate data") from None
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            data, self._first = self._first + data, None
            try:
                out = self._inflater.decompress(data, max_out)
            except zlib.error:
                raise DecodeFailed("broken deflate data") from None
        if self._first is not None:
            self._first = None if out else self._first + data
        return out

    def flush(self) -> bytes:
        return self._inflater.flush()


class BoundedDecoder:
    """Inflates a Content-Encoding chain (``"gzip"``, ``"deflate, gzip"``...) piece by piece.

    ``feed(raw, room)`` returns the bytes decoded from ``raw``: at most ``room + 1`` of them,
    so that more than ``room`` means "over the cap" and the caller stops reading.
    """

    def __init__(self, content_encoding: str | None) -> None:
        names = [e.strip().lower() for e in (content_encoding or "").split(",")]
        self._stages: list[_Gzip | _Deflate] = []
        for name in reversed([n for n in names if n and n != "identity"]):  # last applied first
            if name in ("gzip", "x-gzip"):
                self._stages.append(_Gzip())
            elif name == "deflate":
                self._stages.append(_Deflate())
            else:
                raise UnsupportedEncoding(name)
        self.encoded = bool(self._stages)

    def feed(self, data: bytes, room: int) -> bytes:
        for stage in self._stages:
            data = stage.feed(data, room + 1)
            if len(data) > room:
                break
        return data

    def flush(self, room: int) -> bytes:
        """What the stages still hold once the raw body has ended (called when not over)."""
        data = b""
        for stage in self._stages:
            data = (stage.feed(data, room + 1) if data else b"") + stage.flush()
        return data
