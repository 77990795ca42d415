"""Plain text: the article as it reads, its references, notes, tags and clippings."""

from __future__ import annotations

from huaibei_reader.export.document import ExportDocument, ExportEntry, citation_fields
from huaibei_reader.models import BlockKind

RULE = "─" * 40


def _entry(doc: ExportDocument, entry: ExportEntry) -> list[str]:
    c = entry.citation
    out = [entry.title, "=" * min(len(entry.title) * 2, 60)]
    meta = [label + value for label, value in citation_fields(c)]
    meta.append("URL: " + c.url)
    meta.append("引用 Citation: " + doc.reference(entry))
    out.append("\n".join(meta))
    if entry.bookmark is not None and entry.bookmark.note:
        out.append("笔记 Note: " + entry.bookmark.note)
    if entry.tags:
        out.append("标签 Tags: " + ", ".join(entry.tags))
    if entry.article is not None:
        for b in entry.article.blocks:
            if b.kind is BlockKind.LIST:
                out.append("\n".join((f"{i}. " if b.ordered else "• ") + item
                                     for i, item in enumerate(b.items, 1)))
            elif b.kind is BlockKind.IMAGE:
                if b.text or b.alt:
                    out.append(f"[图 Image: {b.text or b.alt}]")
            elif b.kind is BlockKind.QUOTE:
                out.append("\n".join("    " + line for line in b.text.splitlines()))
            elif b.plain():
                out.append(b.plain())
    if entry.clippings:
        out.append("摘录 Clippings")
        for k in entry.clippings:
            lines = [f"「{k.quote}」"]
            if entry.is_stale(k):
                lines.append("注意 Note: this quote is no longer in the current text.")
            if k.note:
                lines.append("笔记 Note: " + k.note)
            if k.tags:
                lines.append("标签 Tags: " + ", ".join(k.tags))
            lines.append("引用 Citation: " + doc.clipping_reference(k))
            out.append("\n".join(lines))
    return out


def render_text(doc: ExportDocument) -> str:
    parts: list[str] = []
    for i, e in enumerate(doc.entries):
        if i:
            parts.append(RULE)
        parts.extend(_entry(doc, e))
    parts.append(f"{RULE}\n{doc.generator}, {doc.created_at.isoformat()}")
    return "\n\n".join(parts) + "\n"
