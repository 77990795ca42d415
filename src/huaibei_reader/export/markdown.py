"""Markdown with YAML front matter: metadata, notes, tags and clippings up front, then text.

The front matter is written by hand (PyYAML is not a runtime dependency): every string is a
double-quoted scalar, whose escapes are a superset of JSON's, so any title or quote round-trips.

Pictures never point at the web or at local files (opening the ``.md`` would tell their
hosts): the ``image_src`` given (see ``export.images``) inlines the stored bytes or names a
file written beside the export; without one, or for a picture the library does not hold,
only the caption is written.
"""

from __future__ import annotations

import json
import re

from huaibei_reader.export.document import (
    ExportDocument,
    ExportEntry,
    citation_fields,
    entry_record,
)
from huaibei_reader.export.images import ImageSource
from huaibei_reader.models import Article, Block, BlockKind

_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    text = json.dumps(str(value), ensure_ascii=False)
    # JSON leaves these raw; YAML refuses them (DEL, C1 controls, BOM, non-characters,
    # surrogates) or reads them as line breaks (U+0085, U+2028, U+2029).
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def _yaml_lines(value: object, indent: int = 0) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, v in value.items():
            k = _scalar(str(key))
            if (isinstance(v, dict) and v) or (isinstance(v, list) and v):
                lines.append(f"{pad}{k}:")
                lines.extend(_yaml_lines(v, indent + 2))
            elif isinstance(v, dict | list):
                lines.append(f"{pad}{k}: {'{}' if isinstance(v, dict) else '[]'}")
            else:
                lines.append(f"{pad}{k}: {_scalar(v)}")
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, dict | list) and v:
                sub = _yaml_lines(v, indent + 2)
                lines.append(f"{pad}- {sub[0].lstrip()}")
                lines.extend(sub[1:])
            else:
                lines.append(f"{pad}- {_scalar(v) if not isinstance(v, dict | list) else '[]'}")
    else:
        lines.append(pad + _scalar(value))
    return lines


def front_matter(data: dict) -> str:
    return "---\n" + "\n".join(_yaml_lines(data)) + "\n---\n"


def escape(text: str) -> str:
    """Text safe inside Markdown: its markup characters escaped, line starts defused."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\s*)([-+]|\d+[.)])(\s)", r"\1\\\2\3", text, flags=re.M)


def _quote_block(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in escape(text).splitlines())


def _image(b: Block, image_src: ImageSource | None) -> str:
    caption = f"\n\n*{escape(b.text)}*" if b.text else ""
    src = image_src(b.src) if image_src is not None and b.src else None
    if src is None:
        label = escape(b.text or b.alt)
        if image_src is None:  # text only, by choice
            return f"[图 Image: {label}]" if label else ""
        return f"[图 Image not saved: {label or 'image'}]"
    alt = escape(b.alt or b.text or "image")
    return f"![{alt}](<{src.replace('<', '%3C').replace('>', '%3E')}>){caption}"


def article_body(article: Article, image_src: ImageSource | None = None) -> list[str]:
    out: list[str] = []
    for b in article.blocks:
        if b.kind is BlockKind.HEADING:
            out.append("#" * min(max(b.level, 1) + 1, 6) + " " + escape(b.text))
        elif b.kind is BlockKind.QUOTE:
            out.append(_quote_block(b.text))
        elif b.kind is BlockKind.LIST:
            out.append("\n".join((f"{i}. " if b.ordered else "- ") + escape(item)
                                 for i, item in enumerate(b.items, 1)))
        elif b.kind is BlockKind.TABLE:
            rows = [[escape(c).replace("\n", " ") for c in r] for r in b.rows if r]
            if rows:
                width = max(len(r) for r in rows)
                rows = [r + [""] * (width - len(r)) for r in rows]
                lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
                lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
                out.append("\n".join(lines))
        elif b.kind is BlockKind.IMAGE:
            image = _image(b, image_src)
            if image:
                out.append(image)
        elif b.text:
            out.append(escape(b.text))
    return out


def _entry(doc: ExportDocument, entry: ExportEntry, level: int,
           image_src: ImageSource | None) -> list[str]:
    h = "#" * level
    out = [f"{h} {escape(entry.title)}"]
    c = entry.citation
    meta = [label + escape(value) for label, value in citation_fields(c)]
    meta.append("URL: <" + c.url.replace("<", "%3C").replace(">", "%3E") + ">")
    out.append("  \n".join(meta))
    out.append(f"引用 Citation: {escape(doc.reference(entry))}")
    if entry.bookmark is not None and entry.bookmark.note:
        out.append(f"{h}# 笔记 Note\n\n{escape(entry.bookmark.note)}")
    if entry.tags:
        out.append("标签 Tags: " + ", ".join(f"`{t.replace('`', '')}`" for t in entry.tags))
    if entry.article is not None:
        out.extend(article_body(entry.article, image_src))
    if entry.clippings:
        out.append(f"{h}# 摘录 Clippings")
        for k in entry.clippings:
            part = [_quote_block(k.quote)]
            if entry.is_stale(k):
                part.append("**注意 Note: this quote is no longer in the current text.**")
            if k.note:
                part.append(f"笔记 Note: {escape(k.note)}")
            if k.tags:
                part.append("标签 Tags: " + ", ".join(f"`{t.replace('`', '')}`" for t in k.tags))
            part.append(f"引用 Citation: {escape(doc.clipping_reference(k))}")
            out.append("\n\n".join(part))
    return out


def render_markdown(doc: ExportDocument, image_src: ImageSource | None = None) -> str:
    """The document as Markdown; pictures through ``image_src`` (None: captions only)."""
    records = [entry_record(doc, e) for e in doc.entries]
    head: dict[str, object] = {"title": doc.title,
                               "exported_at": doc.created_at.isoformat(),
                               "generator": doc.generator}
    if len(records) == 1:
        head.update({k: v for k, v in records[0].items() if k != "title"})
    else:
        head["articles"] = records
    parts = [front_matter(head)]
    if len(doc.entries) == 1:
        parts.extend(_entry(doc, doc.entries[0], 1, image_src))
    else:
        parts.append(f"# {escape(doc.title)}")
        for e in doc.entries:
            parts.extend(_entry(doc, e, 2, image_src))
    return "\n\n".join(parts).rstrip() + "\n"
