"""JSON: every entry's metadata, notes, tags, clippings and the article's blocks."""

from __future__ import annotations

import json

from huaibei_reader.export.document import ExportDocument, entry_record


def render_json(doc: ExportDocument) -> str:
    articles = []
    for e in doc.entries:
        record = entry_record(doc, e)
        if e.article is not None:
            record["text"] = e.article.text
            record["blocks"] = [b.to_dict() for b in e.article.blocks]
            record["warnings"] = list(e.article.warnings)
        articles.append(record)
    data = {
        "title": doc.title,
        "exported_at": doc.created_at.isoformat(),
        "generator": doc.generator,
        "citation_style": doc.style,
        "articles": articles,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
