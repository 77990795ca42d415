"""A web address typed by a person, checked and completed in one place.

The command line (``sources add``), detection (``sources.detect``) and the window's Add-source
dialog all take a URL from a person; they all check it here, so a typo such as
``htps//www.morang,cn`` is "not a web address" everywhere instead of becoming
``https://htps//www.morang,cn`` in one of them. Plain Python: the window calls it on the GUI
thread (no I/O), the others on workers.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from huaibei_reader.errors import InputError

WEB_SCHEMES = ("http", "https")
# Text without a scheme that is clearly a host (with an optional port and path): a dotted
# name ending in letters ("www.morang.cn"), localhost, or an IPv4 address.
_BARE_HOST = re.compile(
    r"^(?P<host>(?:[\w-]+\.)+[^\W\d_]{2,}|localhost|\d{1,3}(?:\.\d{1,3}){3})"
    r"(?::\d{1,5})?(?:[/?#]|$)", re.IGNORECASE)
# What a host name may hold: letters (any script, for IDNs), digits, hyphens and dots.
_HOST_CHARS = re.compile(r"^[\w.-]+$")
_LOCAL_BARE = re.compile(r"^(?:localhost|\d{1,3}(?:\.\d{1,3}){3})$", re.IGNORECASE)


class NotAWebAddress(InputError):
    """``text`` cannot be fetched as a web page. ``reason`` says why, for the window to word:
    ``empty``, ``unusable`` (cannot be parsed), ``scheme`` (not http or https, or no scheme
    and not a host), ``host`` (no host name) or ``host_chars`` (``bad`` holds the first
    character a host name cannot have)."""

    def __init__(self, text: str, reason: str, bad: str = "") -> None:
        self.text = text
        self.reason = reason
        self.bad = bad
        why = {
            "empty": "no address given",
            "unusable": "it cannot be read as one",
            "scheme": "give an http or https URL",
            "host": "it names no host",
            "host_chars": f"a host name cannot contain {bad!r}",
        }[reason]
        super().__init__(f"not a web address ({why}): {text}" if text
                         else f"not a web address ({why})")


def web_address(text: str) -> str:
    """``text`` as an absolute http(s) URL with a path ("www.morang.cn" ->
    "https://www.morang.cn/", "feed://x.org/rss" -> "http://x.org/rss", "localhost:8080" ->
    "http://localhost:8080/"); raises :class:`NotAWebAddress` otherwise."""
    raw = text.strip()
    if not raw:
        raise NotAWebAddress(raw, "empty")
    if raw.lower().startswith("feed://"):
        raw = "http://" + raw[len("feed://"):]
    if "://" not in raw:
        bare = _BARE_HOST.match(raw)
        if bare is None:
            raise NotAWebAddress(raw, "scheme")
        # A local server (a name or number only this machine knows) seldom has a certificate.
        raw = ("http://" if _LOCAL_BARE.match(bare.group("host")) else "https://") + raw
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - a port beyond 65535 or not a number raises here
    except ValueError:
        raise NotAWebAddress(raw, "unusable") from None
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise NotAWebAddress(raw, "scheme")
    host = parts.hostname or ""
    if not host:
        raise NotAWebAddress(raw, "host")
    if not host.startswith("[") and ":" not in host and not _HOST_CHARS.match(host):
        bad = next(ch for ch in host if not _HOST_CHARS.match(ch))
        raise NotAWebAddress(raw, "host_chars", bad)
    return raw if parts.path else raw + "/"
