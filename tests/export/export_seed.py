"""The seed article (a 今日淮北 repost of 人民网-安徽频道, ../shared/seeds) as plain models.

Built by hand from the seed capture so the export tests need neither the store nor the
network; the values are the ones the issue fixes (title, authors, publisher, published).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from huaibei_reader.models import (
    Article,
    Block,
    BlockKind,
    Bookmark,
    Citation,
    Clipping,
    LibraryArticle,
)

CST = timezone(timedelta(hours=8))
SEED_URL = "http://www.morang.cn/news/2022/1001/seed.html"
SEED_TITLE = "淮北相山区:“三社联动”打造“熟人社区”"
SEED_PUBLISHED = datetime(2022, 10, 1, 13, 39, 7, tzinfo=CST)
RETRIEVED = datetime(2026, 11, 28, 10, 0, 0, tzinfo=UTC)
IMAGE_URL = "http://www.morang.cn/uploads/zongzi.png"

PARAGRAPHS = (
    "端午前夕,自然少不了粽子的“身影”。6月23日上午,安徽淮北相山区西街道安康社区50多名“家庭主妇”"
    "聚在一起较量包粽子的技艺,香甜软糯的粽子出锅后,将被送给小区空巢老人和环卫工人共同分享。",
    "今年淮北市“三社联动”社区试点项目落户相山区安康社区。针对社区地属老城区,人口密度大、流动性大,"
    "定期开展不同主题的志愿服务活动,搭建起居民之间沟通和交流的桥梁,让彼此更紧密、更亲近,"
    "真正成为社区“一家人”。",
    "“三社联动”不是三项简单拼盘,而是3个主体的有机融合、相互促进。",
)

QUOTE = "真正成为社区“一家人”"


def seed_article(*, paragraphs: tuple[str, ...] = PARAGRAPHS) -> Article:
    blocks = [Block(BlockKind.PARAGRAPH, text=p) for p in paragraphs[:2]]
    blocks.append(Block(BlockKind.IMAGE, src=IMAGE_URL, alt="包粽子", text="居民包粽子"))
    blocks.append(Block(BlockKind.HEADING, text="三社联动", level=2))
    blocks.extend(Block(BlockKind.PARAGRAPH, text=p) for p in paragraphs[2:])
    blocks.append(Block(BlockKind.LIST, items=("志愿服务", "共享书屋"), ordered=False))
    return Article(
        url=SEED_URL,
        title=SEED_TITLE,
        blocks=tuple(blocks),
        published=SEED_PUBLISHED,
        publisher="人民网-安徽频道",
        site_name="今日淮北",
        authors=("韩惠", "胡文静"),
        lang="zh-CN",
    )


def seed_item(*, article: Article | None = None, item_id: int = 7, version: int = 1
              ) -> LibraryArticle:
    return LibraryArticle(
        id=item_id,
        article=article or seed_article(),
        source_id=1,
        source_name="今日淮北",
        fetched_at=RETRIEVED,
        updated_at=RETRIEVED,
        bookmarked=True,
        version=version,
    )


def seed_citation() -> Citation:
    return Citation(
        title=SEED_TITLE,
        url=SEED_URL,
        retrieved_at=RETRIEVED,
        publisher="人民网-安徽频道",
        site_name="今日淮北",
        authors=("韩惠", "胡文静"),
        published=SEED_PUBLISHED,
        lang="zh-CN",
    )


def seed_bookmark(item_id: int = 7) -> Bookmark:
    return Bookmark(article_id=item_id, created_at=RETRIEVED, note="采访王秀程的线索",
                    tags=("社区", "相山区"))


def seed_clipping(*, clip_id: int = 1, quote: str = QUOTE, item_id: int = 7) -> Clipping:
    return Clipping(
        id=clip_id,
        article_id=item_id,
        article_version=1,
        quote=quote,
        citation=seed_citation(),
        created_at=RETRIEVED,
        note="可用于导语",
        tags=("社区",),
    )


def tiny_png() -> bytes:
    """A valid 2x2 red PNG, made here so no binary file is needed."""
    return png(2, 2, (0xFF, 0, 0))


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid PNG of one colour."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def image_lookup(url: str) -> tuple[bytes, str] | None:
    return (tiny_png(), "image/png") if url == IMAGE_URL else None


def seed_document(*, clippings=None, style=None):
    from huaibei_reader.export.document import ExportDocument, article_entry

    clips = clippings if clippings is not None else (
        seed_clipping(), seed_clipping(clip_id=2, quote="这句话后来被删掉了"))
    entry = article_entry(seed_item(), bookmark=seed_bookmark(), clippings=clips)
    return ExportDocument(title=entry.title, entries=(entry,), created_at=RETRIEVED, style=style)
