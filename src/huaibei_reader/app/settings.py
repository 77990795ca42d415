"""Every user setting declared once: name, type, default, description.

``Settings`` reads and writes them through a key/value store with the ``QSettings`` shape
(``value(key, default)``, ``setValue(key, value)``, ``remove(key)``, ``sync()``). The window
passes a ``QSettings``; this module imports no Qt, so the CLI and tests can use a dict store.
Values come back in their declared type whatever the store did to them (QSettings' INI
backend returns strings), and out-of-range values fall back to the default.

The command line reads the same file through :class:`IniFile` (QSettings' INI format, read
without Qt), so the window and the CLI fetch with the same politeness settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

SETTINGS_FILE = "settings.ini"  # in the data folder; written by the window (QSettings, INI)


class KeyValueStore(Protocol):
    def value(self, key: str, defaultValue: Any = None) -> Any: ...
    def setValue(self, key: str, value: Any) -> None: ...
    def remove(self, key: str) -> None: ...
    def sync(self) -> None: ...


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


THEMES = ("system", "light", "dark")
LANGUAGES = ("system", "zh_CN", "en")

DECLARED: tuple[Setting, ...] = (
    Setting("refresh/interval_minutes", int, 30,
            "Refresh all sources automatically every N minutes (0 = never).", minimum=0,
            maximum=24 * 60),
    Setting("refresh/on_start", bool, True, "Refresh once when the window opens."),
    Setting("net/host_delay_seconds", float, 1.0,
            "Politeness: pause at least this long between requests to one host.", minimum=0.0,
            maximum=60.0),
    Setting("net/per_host_limit", int, 2, "At most this many requests to one host at a time.",
            minimum=1, maximum=8),
    Setting("net/proxy", str, "", "HTTP(S) proxy URL, e.g. http://127.0.0.1:8080 (empty: none)."),
    Setting("net/fetch_timeout_seconds", float, 30.0,
            "Give up on a page that has not fully arrived after this many seconds "
            "(connecting, headers and body).", minimum=5.0, maximum=600.0),
    Setting("net/allow_local_sources", bool, False,
            "Allow sources on local addresses (this computer, the home or office network) "
            "without asking; links in other sources' pages still never reach them."),
    Setting("net/local_sources", list, [],
            "Local hosts (host:port) the user allowed as sources, each confirmed once."),
    Setting("library/cache_limit_mb", int, 0,
            "Keep the stored articles and images under this many MB after each refresh; the "
            "oldest go first, bookmarked and clipped ones never (0 = no limit).", minimum=0,
            maximum=1_000_000),
    Setting("reader/font_family", str, "", "Reader font (empty: the CJK font stack)."),
    Setting("reader/font_size", int, 17, "Reader base font size in pixels.", minimum=10,
            maximum=40),
    Setting("reader/zoom", int, 0, "Reader zoom steps (Ctrl+plus / Ctrl+minus).", minimum=-8,
            maximum=20),
    Setting("ui/theme", str, "system", "Theme: follow the system, light or dark.",
            choices=THEMES),
    Setting("ui/language", str, "system", "Interface language.", choices=LANGUAGES),
    Setting("ui/unread_only", bool, False, "Show only unread articles in the list."),
    Setting("ui/geometry", bytes, b"", "Main window geometry (saved on close)."),
    Setting("ui/state", bytes, b"", "Main window toolbar/dock state (saved on close)."),
    Setting("ui/splitter", bytes, b"", "Sizes of the sidebar, list and reader panes."),
    Setting("ui/last_view", str, "all", "The sidebar entry selected last."),
    Setting("ui/last_article", int, 0, "The article shown last."),
    Setting("ui/saved_searches", list, [], "Saved searches shown in the sidebar."),
    Setting("ui/export_folder", str, "", "The folder the last export was saved in."),
)

_BY_NAME = {s.name: s for s in DECLARED}


def _to_bool(raw: Any) -> bool:
    if isinstance(raw, str):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    return bool(raw)


def _to_list(raw: Any) -> list:
    if raw is None or raw == "":
        return []
    if isinstance(raw, (list, tuple)):
        return [str(x) for x in raw]
    return [str(raw)]


def _to_bytes(raw: Any) -> bytes:
    if raw is None:
        return b""
    if isinstance(raw, (bytes, bytearray)):
        return bytes(raw)
    data = getattr(raw, "data", None)  # QByteArray
    if callable(data):
        return bytes(data())
    return b""


_CONVERT: dict[type, Callable[[Any], Any]] = {
    bool: _to_bool, int: lambda r: int(float(r)), float: float, str: str, list: _to_list,
    bytes: _to_bytes,
}


class DictStore:
    """An in-memory store with the QSettings shape (tests, headless use)."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def value(self, key: str, defaultValue: Any = None) -> Any:
        return self.data.get(key, defaultValue)

    def setValue(self, key: str, value: Any) -> None:
        self.data[key] = value

    def remove(self, key: str) -> None:
        self.data.pop(key, None)

    def sync(self) -> None:
        pass


class IniFile:
    """Read-only access to a QSettings INI file without Qt (the command line's view of the
    window's settings). Groups are ``[section]`` headers, ``[General]`` holds top-level keys;
    values are returned as QSettings writes them: strings, ``a, b`` lists, quoted strings
    with backslash escapes. ``@Variant``/``@ByteArray`` values (window geometry) are skipped.
    A missing or unreadable file reads as empty: every setting has its default.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.data: dict[str, Any] = {}
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        section = ""
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith(";"):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1].strip()
                continue
            key, sep, raw = line.partition("=")
            if not sep:
                continue
            name = key.strip() if section in ("", "General") else f"{section}/{key.strip()}"
            value = _ini_value(raw.strip())
            if value is not None:
                self.data[name] = value

    def value(self, key: str, defaultValue: Any = None) -> Any:
        return self.data.get(key, defaultValue)

    def setValue(self, key: str, value: Any) -> None:
        raise NotImplementedError("IniFile is read-only: settings are changed in the window")

    def remove(self, key: str) -> None:
        raise NotImplementedError("IniFile is read-only: settings are changed in the window")

    def sync(self) -> None:
        pass


def _ini_value(raw: str) -> Any:
    """One QSettings INI value: a string, a list of strings, or None (not readable here)."""
    if raw.startswith("@"):
        return None  # @Variant(...), @ByteArray(...), @Invalid()
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and i + 1 < len(raw):
            i += 1
            nxt = raw[i]
            if nxt == "x":
                digits = ""
                while i + 1 < len(raw) and raw[i + 1] in "0123456789abcdefABCDEF":
                    i += 1
                    digits += raw[i]
                current.append(chr(int(digits, 16)) if digits else "x")
            else:
                current.append({"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(nxt, nxt))
        elif ch == "," and not quoted:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current).strip())
    return parts if len(parts) > 1 else parts[0]


class Settings:
    """Typed access to the declared settings; unknown names are a bug (KeyError)."""

    def __init__(self, store: KeyValueStore) -> None:
        self.store = store

    @staticmethod
    def declared() -> tuple[Setting, ...]:
        return DECLARED

    @staticmethod
    def spec(name: str) -> Setting:
        return _BY_NAME[name]

    def get(self, name: str) -> Any:
        spec = _BY_NAME[name]
        raw = self.store.value(name, None)
        if raw is None:
            return _copy(spec.default)
        try:
            value = _CONVERT[spec.type](raw)
        except (TypeError, ValueError):
            return _copy(spec.default)
        if not _valid(spec, value):
            return _copy(spec.default)
        return value

    def set(self, name: str, value: Any) -> None:
        spec = _BY_NAME[name]
        value = _CONVERT[spec.type](value)
        if not _valid(spec, value):
            raise ValueError(f"{name}: {value!r} is out of range")
        self.store.setValue(name, value)

    def reset(self, name: str) -> None:
        _BY_NAME[name]
        self.store.remove(name)

    def sync(self) -> None:
        self.store.sync()


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


def _valid(spec: Setting, value: Any) -> bool:
    if spec.choices and value not in spec.choices:
        return False
    if spec.minimum is not None and value < spec.minimum:
        return False
    if spec.maximum is not None and value > spec.maximum:
        return False
    return True
