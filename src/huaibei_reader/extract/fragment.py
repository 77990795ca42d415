"""An HTML fragment that is all article (a feed item's text) as clean blocks.

No scoring and no boilerplate search: the fragment holds nothing but the story, so every line
is kept, cut into the same units the engine uses and grouped by the same ``to_blocks``.
Dropped: what cannot be shown offline or leads elsewhere (scripts and other ``DROP_TAGS``,
lines that are nothing but a link, like "Continue reading"), images whose address is not
http(s).
"""

from __future__ import annotations

from huaibei_reader.extract.blocks import to_blocks
from huaibei_reader.extract.dom import parse, resolve_src, segment
from huaibei_reader.models import Block

# A line whose text is all link and no longer than this is a "read more" or "share" line,
# not prose (a feed item's story never ends in a bare link of a sentence's length).
_MAX_LINK_LINE = 40


def fragment_blocks(html: str, base_url: str = "") -> tuple[Block, ...]:
    """The blocks of ``html`` (text, headings, lists, quotes, tables, images), in order;
    image addresses are made absolute against ``base_url``."""
    root = parse(f"<html><body>{html}</body></html>") if html.strip() else None
    if root is None:
        return ()
    units = []
    for unit in segment(root, base_url).units:
        if unit.kind == "image":
            unit.src = resolve_src(base_url, unit.src)
            if not unit.src.startswith(("http://", "https://")):
                continue
        elif unit.link_chars >= unit.chars and unit.chars <= _MAX_LINK_LINE:
            continue
        units.append(unit)
    return to_blocks(units)
