"""The window's words for what lower layers report as values: errors, skipped hosts, waits.

Lower layers raise ``KnownError``s with a stable ``kind`` and the facts as ``values`` (their
English ``str()`` is the command line's); refresh outcomes carry hosts given up on as values.
This module is the one place that turns them into sentences of the interface language, each
template a ``translate()`` call that lupdate extracts. A kind without a template (a new one, or
one raised below with no finer kind) falls back to its family's generic line with the English
detail, so nothing is ever hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from huaibei_reader.app.host_health import ASKS_TO_WAIT, UNAVAILABLE, HostDown
from huaibei_reader.app.refresh_service import SkippedHost
from huaibei_reader.errors import KnownError

CONTEXT = "ErrorText"  # the translation context of every line here
translate = QCoreApplication.translate
_PLACEHOLDER = re.compile(r"%(\d)")


def fill(template: str, *values: object) -> str:
    """``template`` with %1, %2... replaced in one pass (a value holding "%2" stays as is)."""
    return _PLACEHOLDER.sub(lambda m: str(values[int(m.group(1)) - 1])
                            if 0 < int(m.group(1)) <= len(values) else m.group(0), template)


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def wait_words(seconds: float) -> str:
    """A wait as a person says it, in the interface language ("45 s", "10 分钟", "1 天")."""
    if seconds < 90:
        return fill(translate("ErrorText", "%1 s"), f"{seconds:.0f}")
    if seconds < 90 * 60:
        return fill(translate("ErrorText", "%1 min"), f"{seconds / 60:.0f}")
    if seconds < 23.5 * 3600:
        return fill(translate("ErrorText", "%1 h"), f"{seconds / 3600:.0f}")
    days = round(seconds / 86400)
    return fill(translate("ErrorText", "%1 day(s)"), days)


def status_words(status: int) -> str:
    """What an HTTP error status means, in words."""
    words = {
        400: lambda: translate("ErrorText", "bad request"),
        401: lambda: translate("ErrorText", "login required"),
        402: lambda: translate("ErrorText", "payment required"),
        403: lambda: translate("ErrorText", "access forbidden"),
        404: lambda: translate("ErrorText", "not found"),
        405: lambda: translate("ErrorText", "method not allowed"),
        406: lambda: translate("ErrorText", "not acceptable"),
        408: lambda: translate("ErrorText", "request timeout"),
        410: lambda: translate("ErrorText", "gone (removed for good)"),
        429: lambda: translate("ErrorText", "too many requests: the server asks us to slow down"),
        451: lambda: translate("ErrorText", "unavailable for legal reasons"),
        500: lambda: translate("ErrorText", "server error"),
        502: lambda: translate("ErrorText", "bad gateway"),
        503: lambda: translate("ErrorText", "service unavailable"),
        504: lambda: translate("ErrorText", "gateway timeout"),
    }.get(status)
    if words is not None:
        return words()
    if status >= 500:
        return translate("ErrorText", "server error")
    return translate("ErrorText", "refused")


def host_down_words(cause: HostDown) -> str:
    """Why a host was given up on in a refresh."""
    if cause.why == ASKS_TO_WAIT:
        return fill(translate("ErrorText", "asks us to wait %1 (HTTP %2)"),
                    wait_words(cause.wait or 0), cause.status)
    if cause.why == UNAVAILABLE:
        return fill(translate("ErrorText", "unavailable (HTTP %1)"), cause.status)
    return translate("ErrorText", "not reachable")


def skipped_host_text(skip: SkippedHost) -> str:
    """One line for a host given up on: why, what it cost, and that it is tried again."""
    if skip.from_feed:
        template = translate("ErrorText", "%1: %2, %3 articles skipped (%4 stored from the "
                                          "feed), will try on the next refresh.")
    else:
        template = translate("ErrorText", "%1: %2, %3 articles skipped, will try on the next "
                                          "refresh.")
    return fill(template, skip.host, host_down_words(skip.cause), skip.articles,
                skip.from_feed)


def _templates() -> dict[str, Callable[[], str]]:
    """kind -> its template; the values are filled in the order of ``_VALUES[kind]``."""
    return {
        # network (net.failures, net.client, net.robots)
        "connect-timeout": lambda: translate(
            "ErrorText", "Timed out: %1 did not accept a connection within %2 s (%3)."),
        "read-timeout": lambda: translate("ErrorText", "Timed out: %1 sent nothing for %2 s (%3)."),
        "proxy": lambda: translate(
            "ErrorText", "Cannot reach the proxy server while fetching %1; check the proxy "
                         "settings."),
        "certificate": lambda: translate(
            "ErrorText", "Cannot connect securely to %1: its certificate is not valid (%2)."),
        "tls": lambda: translate(
            "ErrorText", "Cannot connect securely to %1: the secure connection failed (%2)."),
        "redirects": lambda: translate("ErrorText", "Too many redirects (more than %1): %2"),
        "socks": lambda: translate(
            "ErrorText", "A SOCKS proxy is set, but SOCKS support (the PySocks package) is not "
                         "installed; use an HTTP proxy or install it."),
        "bad-address": lambda: translate("ErrorText", "Not a usable web address: %1"),
        "not-web": lambda: translate(
            "ErrorText", "Not a web address (only http and https are fetched): %1"),
        "redirect-not-web": lambda: translate(
            "ErrorText", "Redirected to an address that is not on the web (only http and https are"
                         " fetched): %1"),
        "bad-compression": lambda: translate(
            "ErrorText", "The server sent a broken compressed response: %1"),
        "unknown-compression": lambda: translate(
            "ErrorText", "The server sent the page in a compression the reader cannot read: %1"),
        "broke-off": lambda: translate("ErrorText", "The connection broke off while reading %1."),
        "no-such-host": lambda: translate(
            "ErrorText", "Cannot find the server %1 (no such name, or offline): %2"),
        "refused": lambda: translate("ErrorText", "Cannot connect to %1: connection refused (%2)."),
        "closed": lambda: translate("ErrorText", "%1 closed the connection before answering (%2)."),
        "cannot-connect": lambda: translate("ErrorText", "Cannot connect to %1 (%2)."),
        "fetch-failed": lambda: translate("ErrorText", "Fetching %1 failed."),
        "too-large": lambda: translate("ErrorText", "Too large: the page is more than %1 (%2)."),
        "robots": lambda: translate(
            "ErrorText", "The site's robots.txt does not allow reading %1."),
        "local-address": lambda: translate(
            "ErrorText", "Refused: %1 is a local address; local addresses are read only for "
                         "sources you allow (%2)."),
        "local-address-redirect": lambda: translate(
            "ErrorText", "Refused: a redirect from a public address led to the local address %1 "
                         "(%2)."),
        # pages
        "not-a-page": lambda: translate("ErrorText", "Not a web page but a file (%1)."),
        "binary": lambda: translate("ErrorText", "This is binary data, not a web page."),
        # library (store, app.services)
        "library-full": lambda: translate(
            "ErrorText", "The disk is full (or the library reached its size limit); free some "
                         "space and try again. Nothing already stored was lost."),
        "library-read-only": lambda: translate("ErrorText", "The library file is read-only."),
        "library-busy": lambda: translate(
            "ErrorText", "The library is in use by another Huaibei Reader (waited %1 s); close the"
                         " other one and try again."),
        "library-damaged": lambda: translate(
            "ErrorText", "The library file is damaged (%1); restart the app to move it aside and "
                         "start a fresh library."),
        "library-cannot-open": lambda: translate(
            "ErrorText", "The library file cannot be opened (%1)."),
        "library-disk-error": lambda: translate("ErrorText", "The disk reported an error (%1)."),
        "library-closed": lambda: translate("ErrorText", "The library is closed."),
        "library-unreadable": lambda: translate("ErrorText", "Cannot read the library %1: %2"),
        "library-cannot-move-aside": lambda: translate(
            "ErrorText", "The library %1 is damaged and could not be moved aside: %2"),
        "library-no-folder": lambda: translate(
            "ErrorText", "The folder of the library does not exist: %1"),
        "library-no-wal": lambda: translate(
            "ErrorText", "Cannot open the library %1: the file system does not support the write-"
                         "ahead log SQLite needs."),
        "library-foreign": lambda: translate(
            "ErrorText", "The file %1 is not a library made by this app."),
        "library-newer": lambda: translate(
            "ErrorText", "This library was made by a newer version of Huaibei Reader (schema "
                         "%1; this version knows up to %2); update the app or use another data "
                         "folder."),
        "data-folder": lambda: translate("ErrorText", "Cannot create the data folder %1: %2"),
        # files the person chose
        "cannot-read": lambda: translate("ErrorText", "Cannot read %1: %2"),
        "cannot-write-file": lambda: translate("ErrorText", "Cannot write %1: %2"),
        "target-exists": lambda: translate("ErrorText", "%1 already exists."),
        "pdf-no-font": lambda: translate(
            "ErrorText", "No Chinese font is installed (install Noto CJK or Source Han)."),
        "cancelled": lambda: translate("ErrorText", "Cancelled."),
    }


# The values each template takes, in placeholder order.
_VALUES: dict[str, tuple[str, ...]] = {
    "connect-timeout": ("host", "seconds", "page"),
    "read-timeout": ("host", "seconds", "page"),
    "proxy": ("page",),
    "certificate": ("host", "page"),
    "tls": ("host", "page"),
    "redirects": ("limit", "page"),
    "bad-address": ("page",),
    "not-web": ("page",),
    "redirect-not-web": ("page",),
    "bad-compression": ("page",),
    "unknown-compression": ("page",),
    "broke-off": ("page",),
    "no-such-host": ("host", "page"),
    "refused": ("host", "page"),
    "closed": ("host", "page"),
    "cannot-connect": ("host", "page"),
    "fetch-failed": ("page",),
    "too-large": ("limit", "page"),
    "robots": ("page",),
    "local-address": ("where", "page"),
    "local-address-redirect": ("where", "page"),
    "not-a-page": ("content_type",),
    "library-busy": ("seconds",),
    "library-damaged": ("detail",),
    "library-cannot-open": ("detail",),
    "library-disk-error": ("detail",),
    "library-unreadable": ("path", "detail"),
    "library-cannot-move-aside": ("path", "detail"),
    "library-no-folder": ("path",),
    "library-no-wal": ("path",),
    "library-foreign": ("path",),
    "library-newer": ("found", "known"),
    "data-folder": ("path", "detail"),
    "cannot-read": ("path", "detail"),
    "cannot-write-file": ("path", "detail"),
    "target-exists": ("path",),
}


def _write_problem(exc: KnownError) -> str:
    path = exc.values.get("path", "")
    problem = {
        "read-only": lambda: translate(
            "ErrorText", "Cannot write %1: the folder is on a read-only file system."),
        "permission": lambda: translate(
            "ErrorText", "Cannot write %1: no permission to write in its folder."),
        "disk-full": lambda: translate(
            "ErrorText", "Cannot write %1: the disk is full; free some space and try again."),
        "no-folder": lambda: translate("ErrorText", "Cannot write %1: its folder does not exist."),
        "is-folder": lambda: translate(
            "ErrorText", "Cannot write %1: it is a folder; give a file name."),
    }.get(str(exc.values.get("problem", "")))
    if problem is None:
        return fill(translate("ErrorText", "Cannot write %1: %2"), path,
                    exc.values.get("detail", ""))
    return fill(problem(), path)


def _generic(exc: BaseException) -> str:
    """The family's line with the English detail, for a kind without its own template."""
    families = {
        "blocked": lambda: translate("ErrorText", "Refused: %1"),
        "network": lambda: translate("ErrorText", "Network error: %1"),
        "not-an-article": lambda: translate("ErrorText", "No article on this page: %1"),
        "library": lambda: translate("ErrorText", "Library error: %1"),
        "input": lambda: translate("ErrorText", "Cannot use this: %1"),
    }
    for cls in type(exc).__mro__:
        family = families.get(getattr(cls, "kind", "") if "kind" in vars(cls) else "")
        if family is not None:
            return fill(family(), exc)
    return fill(translate("ErrorText", "Something went wrong: %1"), exc)


def error_text(exc: BaseException) -> str:
    """``exc`` in the interface language: its kind's template with its values, or the
    family's generic line with the English detail."""
    if not isinstance(exc, KnownError):
        return _generic(exc)
    kind = exc.kind
    values = exc.values
    if kind == "cannot-write":
        return _write_problem(exc)
    if kind == "http-status":
        raw_status = values.get("status", 0)
        status = raw_status if isinstance(raw_status, int) else 0
        text = fill(translate("ErrorText", "%1 (HTTP %2): %3"), status_words(status), status,
                    values.get("page", ""))
        wait = str(values.get("retry_after", "")).strip()[:40]
        if wait and status in (429, 503):
            shown = wait_words(float(wait)) if wait.isdigit() else wait
            text += " " + fill(translate("ErrorText", "(it asks us to wait %1 before trying "
                                                      "again)"), shown)
        return text
    if kind == "host-given-up":
        given_status, given_wait = values.get("status"), values.get("wait")
        cause = HostDown(str(values.get("why", "")),
                         given_status if isinstance(given_status, int) else None,
                         float(given_wait) if isinstance(given_wait, (int, float)) else None)
        return fill(translate("ErrorText", "%1: %2; skipped in this refresh."),
                    values.get("host", ""), host_down_words(cause))
    template = _templates().get(kind)
    names = _VALUES.get(kind, ())
    if template is None or any(name not in values for name in names):
        return _generic(exc)
    return fill(template(), *(_number(values[name]) for name in names))
