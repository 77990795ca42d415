"""The sources the reader knows without looking: 今日淮北 (morang.cn), whose site rules are
``resources/sites/morang.toml`` (``rules`` names the file). A light module (no feed or HTML
parser) so the window can offer them on its first-run page without loading detection."""

from __future__ import annotations

from huaibei_reader.models import Source

JINRI_HUAIBEI = Source(id=None, name="今日淮北", url="https://www.morang.cn/", kind="site",
                       rules="morang")
BUILTIN_SOURCES: tuple[Source, ...] = (JINRI_HUAIBEI,)
_BUILTIN_ALIASES = {"今日淮北": JINRI_HUAIBEI, "morang": JINRI_HUAIBEI,
                    "morang.cn": JINRI_HUAIBEI, "www.morang.cn": JINRI_HUAIBEI}


def builtin_source(text: str) -> Source | None:
    """The built-in source called ``text`` (今日淮北, morang, morang.cn), if any."""
    return _BUILTIN_ALIASES.get(text.strip().lower().rstrip("/")) or \
        _BUILTIN_ALIASES.get(text.strip())
