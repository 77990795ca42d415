"""The two kinds of failure: known ones a person can act on, and bugs.

Call sites catch ``KnownError`` only; its ``str()`` is a short sentence fit for a
status bar or a one-line CLI message. Anything else is a bug and is reported with
details (crash log), never swallowed.
"""

from __future__ import annotations


class KnownError(Exception):
    """A failure with a message a person understands (network, page, disk, input)."""


class NetworkError(KnownError):
    """The server could not be reached or answered with an error."""


class FetchBlocked(NetworkError):
    """robots.txt forbids the URL, or a policy refused it (scheme, size, redirects)."""


class NotAnArticle(KnownError):
    """The page holds no article text (empty, binary, a list page, an error page)."""


class LibraryError(KnownError):
    """The library file cannot be opened, read or written (corrupt, newer, disk full, locked)."""


class InputError(KnownError):
    """A file or argument given by the user is unusable (bad OPML, bad rules, bad ID)."""


class Cancelled(KnownError):
    """The user cancelled the operation."""

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)
