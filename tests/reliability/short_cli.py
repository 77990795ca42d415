"""Run the real command line with short network limits (the shipped ones allow 30 s of
silence and 120 s per page, too long for CI to wait on a hanging server fifty times).

    python short_cli.py --data-dir DIR extract URL

Only the HTTP settings change: the composition root is given an HttpConfig with short
timeouts; parsing, commands, errors and exit codes are the real ones. Not a test module.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # support/

from reliakit import short_config

from huaibei_reader.app import services

_plain_init = services.Services.__init__


def _short_init(self, data_dir, *, http_config=None, **rest):  # type: ignore[no-untyped-def]
    _plain_init(self, data_dir, http_config=http_config or short_config(
        user_agent=services.user_agent()), **rest)


services.Services.__init__ = _short_init  # type: ignore[method-assign]

if __name__ == "__main__":
    from huaibei_reader.__main__ import main

    sys.exit(main())
