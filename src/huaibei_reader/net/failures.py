"""Turn what requests/urllib3 raise, and HTTP error statuses, into messages a person understands.

Raw exception texts are never shown: they carry pool internals and, with a proxy, possibly the
proxy's credentials. Every message names the page (without any user:password part).
"""

from __future__ import annotations

import ssl
from urllib.parse import urlsplit, urlunsplit

import requests

from huaibei_reader.errors import FetchBlocked, NetworkError


class HttpStatusError(NetworkError):
    """The server answered with an error status (4xx/5xx) after any retries."""

    def __init__(self, message: str, status: int, retry_after: str | None = None,
                 page: str = "") -> None:
        super().__init__(message, kind="http-status", status=status, page=page,
                         retry_after=retry_after or "")
        self.status = status
        self.retry_after = retry_after


class FetchTimeout(NetworkError):
    """The server did not answer (or finish answering) in time."""


class TooLarge(FetchBlocked):
    """The response is bigger than the configured cap."""


class PrivateAddressRefused(FetchBlocked):
    """The address connected to is local (loopback, private, link-local...) and the request's
    :class:`~huaibei_reader.net.addresses.AddressPolicy` does not allow it.

    ``host`` is the URL's host, ``address`` the IP address it led to, ``address_kind`` what
    kind of address that is (in words), ``redirected`` whether a redirect from a public address
    led there (refused whatever the policy).
    """

    def __init__(self, url: str, host: str, address: str, kind: str, *,
                 redirected: bool = False) -> None:
        where = host if host.strip("[]") == address else f"{host} ({address})"
        if redirected:
            message = (f"refused: a redirect from a public address led to {where}, {kind} "
                       f"({redact(url)})")
        else:
            message = (f"refused: {where} is {kind}; local addresses are fetched only for "
                       f"sources you allow ({redact(url)})")
        super().__init__(message, kind="local-address-redirect" if redirected
                         else "local-address", where=where, what=kind, page=redact(url))
        self.url = url
        self.host = host
        self.address = address
        self.address_kind = kind
        self.redirected = redirected


def redact(url: str) -> str:
    """``url`` without any ``user:password@`` part, on one line, for messages and logs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(unreadable address)"
    if "@" in parts.netloc:
        host = parts.netloc.rsplit("@", 1)[1]
        url = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return _one_line(url)


def _one_line(text: str) -> str:
    """Control characters shown as escapes, so that a hostile address cannot add lines."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower() or redact(url)
    except ValueError:
        return redact(url)


_STATUS_WORDS = {
    400: "bad request",
    401: "login required",
    402: "payment required",
    403: "access forbidden",
    404: "not found",
    405: "method not allowed",
    406: "not acceptable",
    408: "request timeout",
    410: "gone (removed for good)",
    429: "too many requests: the server asks us to slow down",
    451: "unavailable for legal reasons",
    500: "server error",
    502: "bad gateway",
    503: "service unavailable",
    504: "gateway timeout",
}


def status_error(url: str, status: int, retry_after: str | None = None) -> HttpStatusError:
    words = _STATUS_WORDS.get(status) or ("server error" if status >= 500 else "refused")
    message = f"{words} (HTTP {status}): {redact(url)}"
    if retry_after and status in (429, 503):
        wait = retry_after.strip()[:40]
        message += f" (it asks us to wait {wait}{' s' if wait.isdigit() else ''} before trying " \
                   "again)"
    return HttpStatusError(message, status, retry_after, redact(url))


def _walk(exc: BaseException) -> list[BaseException]:
    """The exception and what caused it (requests wraps urllib3 wraps socket/ssl errors)."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or any(e is s for s in seen) or len(seen) > 20:
            continue
        seen.append(e)
        # `reason` is an exception for urllib3 errors but a plain string for ssl's.
        linked = [e.__cause__, e.__context__, getattr(e, "reason", None),
                  *getattr(e, "args", ())]
        todo.extend(x for x in linked if isinstance(x, BaseException))
    return seen


def translate(exc: requests.RequestException, url: str, *, connect_timeout: float,
              read_timeout: float, max_redirects: int) -> NetworkError:
    """A :class:`NetworkError` whose message says what went wrong with ``url``."""
    page = redact(url)
    host = host_of(url)
    chain = _walk(exc)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return FetchTimeout(f"timed out: {host} did not accept a connection within "
                            f"{connect_timeout:g} s ({page})", kind="connect-timeout",
                            host=host, seconds=connect_timeout, page=page)
    if isinstance(exc, requests.exceptions.ProxyError):
        return NetworkError(f"cannot reach the proxy server while fetching {page}; "
                            "check the proxy settings", kind="proxy", page=page)
    if isinstance(exc, requests.exceptions.SSLError) or any(
            isinstance(e, ssl.SSLError | ssl.CertificateError) for e in chain):
        text = " ".join(str(e) for e in chain)
        why = ("its certificate is not valid" if "CERTIFICATE" in text.upper()
               or "hostname" in text.lower() else "the secure connection failed")
        return NetworkError(f"cannot connect securely to {host}: {why} ({page})",
                            kind="certificate" if why.startswith("its") else "tls",
                            host=host, page=page)
    if isinstance(exc, requests.exceptions.ReadTimeout) or any(
            isinstance(e, TimeoutError) for e in chain):
        return FetchTimeout(f"timed out: {host} sent nothing for {read_timeout:g} s ({page})",
                            kind="read-timeout", host=host, seconds=read_timeout, page=page)
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return FetchBlocked(f"too many redirects (more than {max_redirects}): {page}",
                            kind="redirects", limit=max_redirects, page=page)
    if isinstance(exc, requests.exceptions.InvalidSchema) and "socks" in str(exc).lower():
        return NetworkError("a SOCKS proxy is set, but SOCKS support is not installed "
                            "(the PySocks package); use an HTTP proxy or install it",
                            kind="socks")
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema
                  | requests.exceptions.InvalidSchema | requests.exceptions.URLRequired):
        return FetchBlocked(f"not a usable web address: {page}", kind="bad-address", page=page)
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return NetworkError(f"the server sent a broken compressed response: {page}",
                            kind="bad-compression", page=page)
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return NetworkError(f"the connection broke off in the middle of the page: {page}",
                            kind="broke-off", page=page)
    if isinstance(exc, requests.exceptions.ConnectionError):
        text = " ".join(str(e) for e in chain).lower()
        if "name or service not known" in text or "nodename nor servname" in text \
                or "getaddrinfo failed" in text or "name resolution" in text:
            return NetworkError(f"cannot find the server {host} (no such name, or offline): "
                                f"{page}", kind="no-such-host", host=host, page=page)
        if "refused" in text:
            return NetworkError(f"cannot connect to {host}: connection refused ({page})",
                                kind="refused", host=host, page=page)
        if "reset" in text or "aborted" in text or "remotedisconnected" in text \
                or "closed connection" in text:
            return NetworkError(f"{host} closed the connection before answering ({page})",
                                kind="closed", host=host, page=page)
        return NetworkError(f"cannot connect to {host} ({page})", kind="cannot-connect",
                            host=host, page=page)
    return NetworkError(f"fetching {page} failed ({type(exc).__name__})", kind="fetch-failed",
                        page=page)
