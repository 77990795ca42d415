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


def remembered_data_dir_file() -> Path:
    """Where the data folder a person chose in the window is remembered (the per-user
    configuration folder: the data folder itself may be the one that failed)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_ID, appauthor=False)) / "data-folder.txt"


def remember_data_dir(folder: Path) -> None:
    """Remember ``folder`` as the data folder; raises ``OSError``."""
    path = remembered_data_dir_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(str(Path(folder).resolve()) + "\n", encoding="utf-8")


def default_data_dir() -> Path:
    """HUAIBEI_READER_DATA, else the folder chosen in the window, else the platform's user
    data folder."""
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    try:
        remembered = remembered_data_dir_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        remembered = ""
    if remembered:
        return Path(remembered)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_ID, appauthor=False))
