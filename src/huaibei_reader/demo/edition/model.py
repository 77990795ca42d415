"""What one sample article is made of, before it becomes a page."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Image:
    """An image in the body; ``style`` picks the CMS markup: figure, center, or caption."""

    name: str  # file name under /uploads/allimg/<yymmdd>/
    caption: str
    alt: str = ""
    style: str = "center"  # "figure" | "center" | "caption"
    relative: bool = False  # src written relative to the page instead of from the root
    size: tuple[int, int] = (480, 300)
    palette: str = "autumn"


@dataclass(frozen=True)
class ItemList:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 3


@dataclass(frozen=True)
class Quote:
    text: str


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]  # first row is the header


BodyPart = Para | Heading | Quote | Image | ItemList | Table


@dataclass(frozen=True)
class Related:
    """A 相关资讯 entry that is not one of our articles (the seed's captured list)."""

    title: str
    teaser: str
    href: str


@dataclass(frozen=True)
class SampleArticle:
    id: int
    channel: str  # slug of its channel page
    title: str
    published: str  # "YYYY-MM-DD HH:MM:SS", Asia/Shanghai
    views: int
    publisher: str
    body: tuple[BodyPart, ...]
    authors: tuple[str, ...] = ()
    byline_top: str = ""  # a first body line such as "作者:李明"
    byline_end: str = ""  # a last line such as "(记者 何静)"
    byline_in_last_para: bool = False  # appended to the last paragraph (the seed's way)
    editor: str = "张敏"
    indent: str = ""  # "fullwidth": paragraphs start with two U+3000; "style": text-indent
    encoding: str = "utf-8"  # bytes of the page
    meta_charset: str = "utf-8"  # what the page declares
    http_charset: str | None = "utf-8"  # what the server declares (None: nothing)
    captured: bool = False  # the seed page: real text, not sample content
    related: tuple[Related, ...] = ()  # explicit 相关资讯; default: same-channel articles
    keywords: tuple[str, ...] = field(default_factory=tuple)

    @property
    def date(self) -> str:
        return self.published[:10]

    @property
    def path(self) -> str:
        y, m, d = self.published[:10].split("-")
        return f"/news/{y}-{m}/{d}/{self.id}.html"

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.body if isinstance(p, Para))

    def body_text(self) -> str:
        """All text of the body (paragraphs, lists, tables, captions), one piece per line."""
        out: list[str] = []
        for part in self.body:
            if isinstance(part, (Para, Heading, Quote)):
                out.append(part.text)
            elif isinstance(part, Image):
                out.append(part.caption)
            elif isinstance(part, ItemList):
                out.extend(part.items)
            elif isinstance(part, Table):
                out.extend(" ".join(r) for r in part.rows)
        return "\n".join(out)
