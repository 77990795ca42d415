"""The tests' explicit opt-in to local addresses (their servers listen on 127.0.0.1).

The product refuses loopback and private addresses unless the user allows them; tests say
so in the open, the way a user would: an ``AddressPolicy`` for the clients they build, or a
settings file in the data folder for the command line and the window they start.
"""

from __future__ import annotations

from pathlib import Path

from huaibei_reader.net.addresses import AddressPolicy

LOCAL_OK = AddressPolicy(allow_local=True)


def allow_local_sources(data_dir: Path, **net: object) -> Path:
    """Write ``data_dir/settings.ini`` (the window's QSettings INI format) allowing local
    sources, with no politeness pause (a loopback server is not a real site) unless
    ``host_delay_seconds`` says otherwise; other ``[net]`` settings by keyword."""
    values: dict[str, object] = {"allow_local_sources": True, "host_delay_seconds": 0.0,
                                 **net}
    lines = ["[net]"] + [f"{k}={_ini(v)}" for k, v in values.items()]
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "settings.ini"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ini(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)
