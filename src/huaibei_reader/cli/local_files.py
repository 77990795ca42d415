"""Files named on the command line, read with a size cap counted while reading.

The size a file reports is no bound: ``/dev/zero``, a FIFO or a file still growing has none
that holds, and reading "the whole file" of those never ends. So a file is read up to its
cap plus one byte and refused past it, whatever it claims; memory stays near the cap.
"""

from __future__ import annotations

from huaibei_reader.errors import InputError

MiB = 1024 * 1024
# A page given to `extract` or `discover`: the same bound as a fetched page (HttpConfig's
# max_bytes); the extractor reads the first 8 MB of it anyway.
MAX_PAGE_FILE = 50 * MiB
# An OPML file: a list of sources; 10 MB is some 50,000 of them.
MAX_OPML_FILE = 10 * MiB


def read_capped(path: str, *, cap: int, what: str) -> bytes:
    """The bytes of ``path`` (at most ``cap``), or an ``InputError`` in one line naming it.

    ``what`` names what the file should be ("a page", "an OPML file") in the messages.
    """
    try:
        with open(path, "rb") as fh:
            data = fh.read(cap + 1)
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not {what}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > cap:
        raise InputError(f"{path} is larger than {cap // MiB} MB, too large for {what} "
                         "(or it never ends)")
    return data
