"""The two kinds of failure: known ones a person can act on, and bugs.

Call sites catch ``KnownError`` only; its ``str()`` is a short sentence fit for a
status bar or a one-line CLI message. Anything else is a bug and is reported with
details (crash log), never swallowed.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path


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


class TargetExists(InputError):
    """The file (or folder) to write already exists and replacing it was not allowed.

    The CLI names its ``--overwrite`` option; the window asks whether to replace ``path``.
    """

    def __init__(self, path: object, message: str | None = None) -> None:
        self.path = path
        super().__init__(message or f"{path} already exists")


class CannotWrite(InputError):
    """A file the person chose to write could not be written; ``problem`` says why.

    ``problem`` is one of ``PROBLEMS`` so the window can word it in its own language.
    """

    PROBLEMS = ("read-only", "permission", "disk-full", "no-folder", "is-folder", "other")

    def __init__(self, path: object, problem: str, detail: str = "") -> None:
        self.path = path
        self.problem = problem if problem in self.PROBLEMS else "other"
        super().__init__(_write_message(path, self.problem, detail))


def _write_message(path: object, problem: str, detail: str) -> str:
    folder = str(Path(path).parent) if isinstance(path, str | os.PathLike) else "."
    reason = {
        "read-only": f"{folder} is on a read-only file system",
        "permission": f"no permission to write in {folder}",
        "disk-full": "the disk is full; free some space and try again",
        "no-folder": f"the folder {folder} does not exist",
        "is-folder": "it is a folder; give a file name",
    }.get(problem, detail or "the system refused it")
    return f"cannot write {path}: {reason}"


_WRITE_PROBLEMS = {
    errno.EROFS: "read-only",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.ENOSPC: "disk-full",
    getattr(errno, "EDQUOT", errno.ENOSPC): "disk-full",  # over quota: full, for this user
    errno.ENOENT: "no-folder",
    errno.ENOTDIR: "no-folder",
    errno.EISDIR: "is-folder",
}


def cannot_write(path: object, exc: OSError) -> CannotWrite:
    """The ``CannotWrite`` for an ``OSError`` met while writing ``path``."""
    problem = _WRITE_PROBLEMS.get(exc.errno or 0, "other")
    return CannotWrite(path, problem, exc.strerror or str(exc))
