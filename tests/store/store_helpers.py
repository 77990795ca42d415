"""Article makers shared by the library tests (plain functions, imported by name)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from huaibei_reader.models import Article, Block, BlockKind, Citation, Clipping

BASE_TIME = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


def make_article(n: int = 1, *, title: str | None = None, body: str | None = None,
                 published: datetime | bool | None = True, images: tuple[str, ...] = (),
                 url: str | None = None) -> Article:
    """Article number ``n``: published ``n`` hours after BASE_TIME unless told otherwise."""
    blocks = [Block(BlockKind.PARAGRAPH, text=body if body is not None
                    else f"第{n}条新闻：淮北市召开会议，研究部署城市建设工作。")]
    blocks += [Block(BlockKind.IMAGE, src=src, alt="图") for src in images]
    if published is True:
        when: datetime | None = BASE_TIME + timedelta(hours=n)
    elif published is False or published is None:
        when = None
    else:
        when = published
    return Article(
        url=url or f"http://news.example.cn/2024/{n}.html",
        title=title if title is not None else f"淮北新闻第{n}期",
        blocks=tuple(blocks),
        published=when,
        publisher="淮北日报",
        site_name="今日淮北",
        authors=("张三",),
        lang="zh",
    )


def make_clipping(article_id: int, version: int, quote: str, *, tags: tuple[str, ...] = (),
                  note: str = "") -> Clipping:
    return Clipping(
        id=None, article_id=article_id, article_version=version, quote=quote,
        citation=Citation(title="淮北新闻", url="http://news.example.cn/2024/1.html",
                          retrieved_at=BASE_TIME, publisher="淮北日报", site_name="今日淮北",
                          authors=("张三",), published=BASE_TIME, lang="zh"),
        created_at=BASE_TIME + timedelta(days=1), note=note, tags=tags)
