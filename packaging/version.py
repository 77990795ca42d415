"""Print the project's one version (src/huaibei_reader/__init__.py) for the build scripts.

    python packaging/version.py             0.1.0
    python packaging/version.py --numeric   0.1.0.0   (Windows resources need four numbers)

Reads the file rather than importing the package, so it runs with any Python.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

INIT = Path(__file__).resolve().parents[1] / "src" / "huaibei_reader" / "__init__.py"


def version() -> str:
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', INIT.read_text(encoding="utf-8"),
                      re.MULTILINE)
    if not match:
        raise SystemExit(f"version.py: no __version__ in {INIT}")
    return match.group(1)


def numeric(text: str) -> str:
    """'1.2.3' -> '1.2.3.0'; a pre-release suffix ('1.2.0rc1') is dropped."""
    match = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?", text)
    if not match:
        raise SystemExit(f"version.py: {text!r} does not start with a number")
    return ".".join(g or "0" for g in match.groups()) + ".0"


if __name__ == "__main__":
    v = version()
    print(numeric(v) if "--numeric" in sys.argv[1:] else v)
