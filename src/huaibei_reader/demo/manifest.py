"""The sample edition's manifest.json: what extraction must find in each article.

Other layers' tests read it through ``load_manifest()`` instead of hard-coding titles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from huaibei_reader.demo.server import DemoUnavailable, default_edition_dir


@dataclass(frozen=True)
class EditionArticle:
    path: str  # e.g. /news/2022-10/01/20391.html (join with the server's base URL)
    title: str
    published: datetime  # timezone-aware (+08:00)
    publisher: str
    authors: tuple[str, ...]
    view_count: int
    channel: str
    captured: bool  # the real seed article
    encoding: str
    http_charset: str | None
    first_paragraph: str
    last_paragraph: str
    paragraphs: tuple[str, ...]
    text: str
    images: tuple[str, ...]  # root-relative src of each body image
    must_contain: tuple[str, ...]
    must_not_contain: tuple[str, ...]
    occurs_once: tuple[str, ...]
    raw: dict  # the whole manifest entry (lists, tables, captions, teaser...)


@dataclass(frozen=True)
class EditionManifest:
    root: Path
    site_name: str
    home: str
    feed: str
    articles: tuple[EditionArticle, ...]  # newest first
    raw: dict

    @property
    def seed(self) -> EditionArticle:
        """The captured 今日淮北 article."""
        return next(a for a in self.articles if a.captured)

    def article(self, path: str) -> EditionArticle:
        return next(a for a in self.articles if a.path == path)

    @property
    def gbk_pages(self) -> tuple[str, ...]:
        return tuple(self.raw["gbk_pages"])

    @property
    def list_pages(self) -> tuple[str, ...]:
        return tuple(p["path"] for c in self.raw["channels"] for p in c["pages"])


def load_manifest(root: Path | None = None) -> EditionManifest:
    folder = Path(root) if root is not None else default_edition_dir()
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DemoUnavailable(f"the sample edition manifest is unreadable: {exc}") from exc
    articles = tuple(
        EditionArticle(
            path=e["path"],
            title=e["title"],
            published=datetime.fromisoformat(e["published_iso"]),
            publisher=e["publisher"],
            authors=tuple(e["authors"]),
            view_count=e["view_count"],
            channel=e["channel"],
            captured=e["captured"],
            encoding=e["encoding"],
            http_charset=e["http_charset"],
            first_paragraph=e["first_paragraph"],
            last_paragraph=e["last_paragraph"],
            paragraphs=tuple(e["paragraphs"]),
            text=e["text"],
            images=tuple(i["src"] for i in e["images"]),
            must_contain=tuple(e["must_contain"]),
            must_not_contain=tuple(e["must_not_contain"]),
            occurs_once=tuple(e["occurs_once"]),
            raw=e,
        )
        for e in data["articles"]
    )
    return EditionManifest(root=folder, site_name=data["site_name"], home=data["home"],
                           feed=data["feed"], articles=articles, raw=data)
