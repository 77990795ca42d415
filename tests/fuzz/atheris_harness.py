"""Coverage-guided fuzzing with atheris (libFuzzer), for runs of minutes or hours outside CI.

pytest does not collect this file (its name does not start with ``test_``); the CI-sized
properties are in ``test_fuzz_properties.py``. One target per run:

    .venv/bin/pip install "atheris>=2.3"
    PYTHONPATH=src .venv/bin/python tests/fuzz/atheris_harness.py extract -max_total_time=300
    PYTHONPATH=src .venv/bin/python tests/fuzz/atheris_harness.py feed -max_total_time=300 \
        -dict=tests/fuzz/xml.dict CORPUS_DIR

Targets: ``extract`` (extract_article), ``decode`` (decode_html), ``feed`` (parse_feed and
parse_sitemap), ``opml`` (read_opml), ``discover`` (discover), ``rules`` (site-rules TOML),
``names`` (safe_filename / output_path), ``url`` (redact, host_key, the client's refusal).
Everything after the target name is passed to libFuzzer (``-runs=N``, ``-max_total_time=S``,
``-jobs=N``, a corpus folder; seed it with ../shared/corpus pages for ``extract``).

A target fails (and libFuzzer writes ``crash-<sha1>`` with the input) when anything but the
documented KnownError kinds escapes, or a result breaks its promise (an image that is not
http(s), a file name with a separator...). Reproduce one with
``python tests/fuzz/atheris_harness.py TARGET crash-<sha1>``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

try:
    import atheris
except ImportError:  # pragma: no cover - only for the message
    sys.exit("atheris is not installed: .venv/bin/pip install 'atheris>=2.3'")

with atheris.instrument_imports():
    from huaibei_reader.errors import FetchBlocked, InputError, KnownError, NotAnArticle
    from huaibei_reader.export.filenames import output_path, safe_filename
    from huaibei_reader.extract import extract_article
    from huaibei_reader.extract.decode import decode_html
    from huaibei_reader.net import HttpClient, HttpConfig, host_key, redact
    from huaibei_reader.sources.discover import discover
    from huaibei_reader.sources.feeds import parse_feed, parse_sitemap
    from huaibei_reader.sources.opml import read_opml
    from huaibei_reader.sources.siterules import parse_site_rules

URL = "http://127.0.0.1:9/news/2026/1128/1.html"
# One fixed scratch folder, reused by every run (libFuzzer exits without running atexit).
_FOLDER = Path(tempfile.gettempdir()) / "huaibei-reader-atheris"
_FOLDER.mkdir(exist_ok=True)
_CLIENT: HttpClient | None = None


def _split(data: bytes) -> tuple[str, bytes]:
    """First line as a short string (a URL, a charset, a title), the rest as the body."""
    head, _, rest = data.partition(b"\n")
    return head[:300].decode("utf-8", "replace"), rest


def fuzz_extract(data: bytes) -> None:
    charset, body = _split(data)
    try:
        article = extract_article(body, URL, http_charset=charset or None)
    except NotAnArticle:
        return
    assert article.blocks
    for src in article.images:
        assert src.startswith(("http://", "https://")), src


def fuzz_decode(data: bytes) -> None:
    charset, body = _split(data)
    assert isinstance(decode_html(body, charset or None).text, str)


def fuzz_feed(data: bytes) -> None:
    for parse in (parse_feed, parse_sitemap):
        try:
            parse(data, "http://127.0.0.1:9/feed.xml")
        except InputError:
            pass


def fuzz_opml(data: bytes) -> None:
    try:
        sources = read_opml(data)
    except InputError:
        return
    for s in sources:
        for address in filter(None, (s.url, s.feed_url)):
            assert address.startswith(("http://", "https://")), address


def fuzz_discover(data: bytes) -> None:
    url, body = _split(data)
    try:
        found = discover(body, url or URL)
    except KnownError:
        return
    for link in found.articles + found.feeds + found.next:
        assert link.startswith(("http://", "https://")), link


def fuzz_rules(data: bytes) -> None:
    path = _FOLDER / "fuzz.toml"
    path.write_bytes(data)
    try:
        parse_site_rules(path)
    except InputError:
        pass


def fuzz_names(data: bytes) -> None:
    title = data.decode("utf-8", "replace")
    name = safe_filename(title, "md")
    assert name and name not in (".", "..") and "/" not in name and "\\" not in name
    assert len(name.encode("utf-8")) <= 255
    assert output_path(_FOLDER, title, "md").parent == _FOLDER


def fuzz_url(data: bytes) -> None:
    global _CLIENT  # noqa: PLW0603 - one client, made on first use, for every run
    url = data.decode("utf-8", "replace")
    host_key(url)
    assert ":secret@" not in redact(f"http://user:secret@h.example/{url}")
    try:
        if urlsplit(url.strip()).scheme.lower() in ("http", "https"):
            return  # a web address (urlsplit drops leading control characters): network
    except ValueError:
        pass
    if _CLIENT is None:
        _CLIENT = HttpClient(HttpConfig(user_agent="atheris", retries=0))
    try:
        _CLIENT.get(url)
    except FetchBlocked:
        pass
    assert _CLIENT.requests_sent == 0


TARGETS = {
    "extract": fuzz_extract, "decode": fuzz_decode, "feed": fuzz_feed, "opml": fuzz_opml,
    "discover": fuzz_discover, "rules": fuzz_rules, "names": fuzz_names, "url": fuzz_url,
}


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[1] not in TARGETS:
        sys.exit(f"usage: {argv[0]} {{{','.join(TARGETS)}}} [libFuzzer options] [corpus]")
    target = TARGETS[argv[1]]
    atheris.Setup([argv[0], *argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
