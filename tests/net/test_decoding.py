"""Content-Encoding inflated by the client itself, a raw chunk at a time, within the caps."""

from __future__ import annotations

import gzip
import threading
import time
import zlib

import pytest
from netkit import make_client
from support.loopback import Reply, endless_gzip_header

from huaibei_reader.cancel import CancelToken
from huaibei_reader.errors import Cancelled, NetworkError
from huaibei_reader.net import TooLarge
from huaibei_reader.net.decoding import BoundedDecoder, DecodeFailed, UnsupportedEncoding

TEXT = "<p>淮北市相山区各社区开展邻里互助活动。</p>".encode() * 200
MiB = 1024 * 1024


def _inflate(encoding: str, data: bytes, *, step: int = 7, room: int = 10 * MiB) -> bytes:
    decoder = BoundedDecoder(encoding)
    out = b"".join(decoder.feed(data[i:i + step], room) for i in range(0, len(data), step))
    return out + decoder.flush(room)


@pytest.mark.parametrize(("encoding", "encode"), [
    ("gzip", lambda d: gzip.compress(d)),
    ("x-gzip", lambda d: gzip.compress(d)),
    ("deflate", zlib.compress),  # what the standard says: zlib-wrapped
    ("deflate", lambda d: zlib.compress(d)[2:-4]),  # what some servers send: raw deflate
    ("identity", lambda d: d),
    ("", lambda d: d),
    ("deflate, gzip", lambda d: gzip.compress(zlib.compress(d))),  # applied in that order
])
def test_each_encoding_inflates_in_small_pieces(encoding, encode):
    assert _inflate(encoding, encode(TEXT)) == TEXT


def test_gzip_members_follow_one_another_and_trailing_garbage_is_ignored():
    data = gzip.compress(TEXT[:100]) + gzip.compress(TEXT[100:]) + b"\0\0junk"
    assert _inflate("gzip", data) == TEXT


def test_a_bomb_gives_at_most_one_byte_past_the_room():
    bomb = gzip.compress(b"\0" * (64 * MiB), compresslevel=9)
    decoder = BoundedDecoder("gzip")
    out = decoder.feed(bomb, 1000)
    assert len(out) == 1001  # "over the cap": the caller stops here


def test_unsupported_and_broken_encodings_are_errors():
    with pytest.raises(UnsupportedEncoding) as info:
        BoundedDecoder("br")
    assert info.value.encoding == "br"
    with pytest.raises(DecodeFailed):
        _inflate("gzip", b"\x1f\x8bnot really gzip at all")
    with pytest.raises(DecodeFailed):
        _inflate("deflate", b"\xff\xfe\xfd not deflate")


def test_the_client_asks_only_for_what_it_can_inflate(server, client):
    server.route("/d", lambda req: Reply(200, zlib.compress(TEXT), {"Content-Encoding":
                                                                   "deflate"}))
    assert client.get(server.url("/d")).content == TEXT
    assert server.hits("/d")[0].headers["accept-encoding"] == "gzip, deflate"


def test_an_unreadable_encoding_is_one_clear_line(server, client):
    server.route("/br", lambda req: Reply(200, b"\x8b\x02\x80hello\x03",
                                          {"Content-Encoding": "br"}))
    with pytest.raises(NetworkError) as info:
        client.get(server.url("/br"))
    assert str(info.value) == (f"the server sent the page compressed as 'br', which the "
                               f"reader cannot read ({server.url('/br')})")


def test_a_broken_gzip_body_is_a_clear_error(server, client):
    server.route("/bad", lambda req: Reply(200, b"\x1f\x8b\x08\x00garbage" * 10,
                                           {"Content-Encoding": "gzip"}))
    with pytest.raises(NetworkError, match="broken compressed response"):
        client.get(server.url("/bad"))


def test_a_bomb_is_refused_at_the_decoded_cap(server):
    bomb = gzip.compress(b" " * (64 * MiB), compresslevel=9)
    server.route("/bomb", lambda req: Reply(200, bomb, {"Content-Encoding": "gzip"}))
    client = make_client(max_bytes=2 * MiB, robots=False)
    with pytest.raises(TooLarge) as info:
        client.get(server.url("/bomb"))
    assert "inflates to more than 2 MB" in str(info.value)
    assert client.bytes_received <= 2 * MiB + 1  # never more than one byte past the cap


def test_an_endless_gzip_header_is_cut_at_the_raw_cap(server):
    """Not one byte inflates, so decoded size never grows: the raw bytes are what is capped."""
    server.route("/gz", endless_gzip_header(piece=b"n" * 16384))
    client = make_client(max_bytes=1 * MiB, total_timeout=60, robots=False)
    started = time.monotonic()
    with pytest.raises(TooLarge) as info:
        client.get(server.url("/gz"))
    assert str(info.value).startswith("too large: the page is more than 1 MB")
    assert time.monotonic() - started < 10


def test_cancel_reaches_a_fetch_reading_an_endless_gzip_header(server):
    server.route("/gz", endless_gzip_header(every=0.05, piece=b"n"))
    client = make_client(total_timeout=60, robots=False)
    token = CancelToken()
    threading.Timer(0.4, token.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        client.get(server.url("/gz"), cancel=token)
    assert time.monotonic() - started < 1.4
