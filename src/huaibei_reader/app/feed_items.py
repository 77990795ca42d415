"""An article made from its feed item, for when its page cannot be fetched or holds no article.

The feed already gave the title, link, date, author and (often) the text; dropping them
because the page failed would lose what the reader had in hand. The article is marked with a
warning that opens with ``FROM_FEED_WARNING``, so the library can find it again and a later
refresh that reads the page stores the page's version (a new version, as an edit would be).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from huaibei_reader.models import FROM_FEED_WARNING, Article, Block, BlockKind

if TYPE_CHECKING:
    from huaibei_reader.sources.feeds import FeedEntry

# The opening of the text a title is made from when the item has none.
_TITLE_FROM_TEXT = 40
_REASON_CHARS = 300  # of the failure kept in the warning (it names the page's address)


def has_text(entry: FeedEntry) -> bool:
    """Does the item carry text of its own (not only a title and a link)?"""
    return bool(entry.summary.strip() or entry.content.strip())


def article_from_entry(entry: FeedEntry, reason: str) -> Article | None:
    """The article of a feed item whose page could not be read (``reason`` says why); None
    when the item has no text to read (a title and a link alone make no article)."""
    from huaibei_reader.extract.fragment import fragment_blocks
    from huaibei_reader.extract.metadata import HeadInfo, guess_lang

    blocks: tuple[Block, ...] = ()
    if entry.content.strip():
        blocks = fragment_blocks(entry.content, entry.url)
    if not _readable(blocks) and entry.summary.strip():
        blocks = (Block(BlockKind.PARAGRAPH, text=entry.summary.strip()),)
    if not _readable(blocks):
        return None
    text = "\n".join(b.plain() for b in blocks if b.plain())
    title = entry.title.strip() or text[:_TITLE_FROM_TEXT].split("\n", 1)[0]
    why = " ".join(reason.split())[:_REASON_CHARS]
    return Article(
        url=entry.url,
        title=title,
        blocks=blocks,
        published=entry.published,
        authors=(entry.author,) if entry.author else (),
        lang=guess_lang(HeadInfo(), text),
        warnings=(f"{FROM_FEED_WARNING}: its page could not be read ({why})",),
    )


def _readable(blocks: tuple[Block, ...]) -> bool:
    return any(b.kind is not BlockKind.IMAGE and b.plain().strip() for b in blocks)
