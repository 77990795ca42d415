"""Giving a finished temporary file its name, never over a file by surprise.

Used by everything that writes a file the person named (exports, backups): the data goes to a
hidden temporary file beside the target first, and only a complete file gets the name.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from huaibei_reader.errors import TargetExists

# link() failing for these means the file system has no hard links (FAT, some shares).
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK,
                  errno.ENOSYS}


def give_name(tmp: Path, target: Path, *, overwrite: bool) -> None:
    """Rename ``tmp`` to ``target``; without ``overwrite`` a file that appeared there
    meanwhile is never replaced (``TargetExists``). Other failures raise ``OSError``."""
    if overwrite:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)  # fails if the name exists: the check and the write are one step
    except FileExistsError:
        raise TargetExists(target) from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        if target.exists():
            raise TargetExists(target) from None
        os.replace(tmp, target)
