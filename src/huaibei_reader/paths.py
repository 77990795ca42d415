"""Where bundled resources and user data live, in a checkout, a wheel or a frozen app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from huaibei_reader import APP_ID

DATA_ENV = "HUAIBEI_READER_DATA"


def resources_dir() -> Path:
    """The `resources/` folder: frozen bundle, installed wheel, or the source checkout."""
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "resources")
    here = Path(__file__).resolve().parent
    candidates.append(here / "resources")  # wheel: force-included into the package
    candidates.append(here.parent.parent / "resources")  # checkout / editable install
    for c in candidates:
        if c.is_dir():
            return c
    raise FileNotFoundError("bundled resources not found (looked in: "
                            + ", ".join(str(c) for c in candidates) + ")")


def sample_edition_dir() -> Path:
    return resources_dir() / "sample-edition"


def site_rules_dir() -> Path:
    return resources_dir() / "sites"


def default_data_dir() -> Path:
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_ID, appauthor=False))
