"""The evidence archive reads back with warcio, digests verified, metadata telling the story."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import subprocess
import sys
import zipfile

import pytest
from export_seed import RETRIEVED, SEED_URL
from warcio.archiveiterator import ArchiveIterator

from huaibei_reader import __version__
from huaibei_reader.errors import InputError
from huaibei_reader.export.warc import CapturedPage, evidence_zip, write_warc

BODY = ("<html><head><meta charset=gbk><title>淮北</title></head><body><p>真正成为社区"
        "“一家人”</p></body></html>").encode("gbk")
HEADERS = {"Content-Type": "text/html; charset=gbk", "Content-Encoding": "gzip",
           "Content-Length": "123", "Server": "nginx", "ETag": '"abc"'}


def _page(**kw) -> CapturedPage:
    values = {"url": SEED_URL, "content": BODY, "headers": HEADERS, "fetched_at": RETRIEVED,
                  "article_id": 7, "title": "淮北相山区:“三社联动”打造“熟人社区”"}
    values.update(kw)
    return CapturedPage(**values)


def _records(data: bytes) -> list:
    out = []
    for rec in ArchiveIterator(io.BytesIO(data), check_digests="raise"):
        out.append((rec.rec_type, rec.rec_headers, rec.http_headers, rec.content_stream().read()))
    return out


def test_warc_reads_back_with_digests_checked(tmp_path):
    data = write_warc([_page()], filename="evidence.warc.gz")
    records = _records(data)
    assert [r[0] for r in records] == ["warcinfo", "response", "request", "metadata"]
    _, resp_h, http, body = records[1]
    _, req_h, req_http, _ = records[2]
    _, meta_h, _, meta = records[3]
    assert body == BODY
    assert resp_h.get_header("WARC-Target-URI") == SEED_URL
    assert resp_h.get_header("WARC-Date") == "2026-11-28T10:00:00Z"
    sha1 = base64.b32encode(hashlib.sha1(BODY).digest()).decode()
    assert resp_h.get_header("WARC-Payload-Digest") == f"sha1:{sha1}"
    assert http.get_statuscode() == "200"
    assert http.get_header("Content-Type") == "text/html; charset=gbk"
    assert http.get_header("ETag") == '"abc"'
    assert http.get_header("Content-Encoding") is None  # body is stored decoded
    assert http.get_header("Content-Length") == str(len(BODY))
    assert req_http.protocol == "GET" and "/news/2022/1001/seed.html" in req_http.statusline
    assert req_h.get_header("WARC-Concurrent-To") == resp_h.get_header("WARC-Record-ID")
    assert meta_h.get_header("WARC-Refers-To") == resp_h.get_header("WARC-Record-ID")
    fields = dict(line.split(": ", 1) for line in meta.decode("utf-8").splitlines())
    assert fields["body-sha256"] == hashlib.sha256(BODY).hexdigest()
    assert fields["retrieved-at"] == "2026-11-28T10:00:00Z"
    assert fields["app-version"] == __version__
    assert fields["original-content-encoding"] == "gzip"
    assert fields["title"] == "淮北相山区:“三社联动”打造“熟人社区”"
    # warcio's own checker agrees.
    path = tmp_path / "evidence.warc.gz"
    path.write_bytes(data)
    run = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", str(path)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_tampered_body_fails_the_digest_check():
    # Decompressed (gzip members concatenate), one body byte flipped.
    raw = gzip.decompress(write_warc([_page(content=b"A" * 2000)]))
    assert len(_records(raw)) == 4
    tampered = raw.replace(b"A" * 2000, b"A" * 1999 + b"B", 1)
    assert tampered != raw
    with pytest.raises(Exception, match=r"(?i)digest"):
        for rec in ArchiveIterator(io.BytesIO(tampered), check_digests="raise"):
            rec.content_stream().read()


def test_non_ascii_url_and_several_pages():
    pages = [_page(), _page(url="http://www.morang.cn/新闻/一.html", article_id=8)]
    records = _records(write_warc(pages))
    uris = [h.get_header("WARC-Target-URI") for t, h, _, _ in records if t == "response"]
    assert uris == [SEED_URL, "http://www.morang.cn/%E6%96%B0%E9%97%BB/%E4%B8%80.html"]


def test_nothing_to_archive_is_a_known_error():
    with pytest.raises(InputError, match="no stored page"):
        write_warc([])


def test_zip_holds_files_and_matching_sha256sums():
    warc = write_warc([_page()])
    data = evidence_zip({"article.warc.gz": warc, "article.pdf": b"%PDF-1.4 fake"})
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == ["SHA256SUMS", "article.pdf", "article.warc.gz"]
        sums = zf.read("SHA256SUMS").decode()
        for line in sums.splitlines():
            digest, name = line.split(" *", 1)
            assert hashlib.sha256(zf.read(name)).hexdigest() == digest
        assert len(sums.splitlines()) == 2
