"""When a page holds no article: its photos and captions, or its whole readable text.

A photo gallery has images and captions where a story has prose; the engine returns them
with a warning instead of nothing. A page with no article at all (a home page, a form, an
app shell) still has text a reader may want: ``page_text`` returns all of it, in order,
with a warning that no article was found, so a reader pane never has to stay empty.
"""

from __future__ import annotations

from huaibei_reader.errors import NotAnArticle
from huaibei_reader.extract import metadata as md
from huaibei_reader.extract.blocks import to_blocks
from huaibei_reader.extract.dom import Unit, clean_text, is_hidden, resolve_src, segment
from huaibei_reader.extract.inputs import open_page
from huaibei_reader.models import Article, BlockKind

NO_ARTICLE = "no article found on the page; this is the page's whole text"
GALLERY = "the page is mostly photos: its photos and captions are shown"

MIN_GALLERY_IMAGES = 3  # one or two photos beside a little text are an illustrated notice
CAPTION_MAX_CHARS = 200  # a caption is a line or two; longer text would be a story
GALLERY_TEXT_CHARS = 200  # an article with fewer characters of its own text is a gallery
LANG_SAMPLE_LINES = 50  # the language is guessed from the page's first lines


def gallery_units(units: list[Unit]) -> list[Unit] | None:
    """The longest stretch of photos and their captions holding at least three photos.

    Photos inside page furniture (logos, ads, thumbnails in a sidebar) do not count; a
    caption is a short line that is not a link list.
    """
    best: list[Unit] = []
    run: list[Unit] = []
    images = best_images = 0
    for u in units:
        if u.furniture is None and u.kind == "image":
            run.append(u)
            images += 1
        elif u.furniture is None and u.kind in ("text", "caption") and \
                u.chars <= CAPTION_MAX_CHARS and 2 * u.link_chars < u.chars and run:
            run.append(u)
        elif u.furniture is None and u.kind == "heading" and not run:
            continue
        else:
            if images > best_images:
                best, best_images = run, images
            run, images = [], 0
    if images > best_images:
        best, best_images = run, images
    return best if best_images >= MIN_GALLERY_IMAGES else None


def mostly_photos(units: list[Unit]) -> bool:
    """Three photos or more and little text of the article's own beside their captions."""
    images = sum(1 for u in units if u.kind == "image")
    if images < MIN_GALLERY_IMAGES:
        return False
    text = 0
    for i, u in enumerate(units):
        caption = i > 0 and units[i - 1].kind == "image" and u.chars <= CAPTION_MAX_CHARS
        if u.kind != "image" and not caption:
            text += u.chars
    return text < GALLERY_TEXT_CHARS


def page_text(data: bytes, url: str = "", *, http_charset: str | None = None) -> Article:
    """The page's whole readable text, for a page where no article was found.

    Visible text blocks and images in document order (scripts, styles and hidden elements
    left out), the page's title, and a warning saying no article was found. Raises
    NotAnArticle only when the page has no readable text at all (empty, binary, garbled).
    """
    opened = open_page(data, http_charset)
    head = md.read_head(opened.root)
    page = segment(opened.root)
    base_url = url or head.canonical or ""
    units = [u for u in page.units
             if u.furniture is None or not any(is_hidden(el) for el in u.furniture)]
    if not any(u.kind != "image" for u in units):
        raise NotAnArticle("the page has no readable text")
    for u in units:
        if u.kind == "image":
            u.src = resolve_src(base_url, u.src)
    title = clean_text(head.meta.get("og:title") or head.title_tag or "") or next(
        (u.text for u in units if u.kind == "heading"), "")
    blocks = tuple(b for b in to_blocks(units) if b.kind is BlockKind.IMAGE or b.plain())
    return Article(
        url=url or head.canonical or "",
        title=title,
        blocks=blocks,
        site_name=head.meta.get("og:site_name") or None,
        canonical_url=head.canonical or None,
        lang=md.guess_lang(head, "".join(u.text for u in units[:LANG_SAMPLE_LINES])),
        warnings=(*opened.warnings, NO_ARTICLE),
    )
