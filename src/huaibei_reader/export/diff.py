"""What changed between two versions of an article, and which clippings lost their quote.

Paragraph-level differences (a story edited after publication usually gains, loses or rewords
whole paragraphs), with the changed words inside a reworded paragraph. A quote counts as still
present when it is in the current text up to width forms and white space, so a re-extraction
that turns ``,`` into ``，`` or rewraps a line does not flag every clipping.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from huaibei_reader.models import Article, Clipping

# Metadata a reader cares about when a story is edited.
_FIELDS = ("title", "published", "publisher", "authors", "site_name")
# Below this similarity two paragraphs count as one removed and one added, not one reworded.
REWORDED_MIN_SIMILARITY = 0.5


@dataclass(frozen=True)
class Change:
    """One difference: ``kind`` is "added", "removed" or "changed" (old and new paragraph)."""

    kind: str
    old: str = ""
    new: str = ""

    def inline(self) -> list[tuple[str, str]]:
        """For a changed paragraph: (op, text) runs, op in "same", "removed", "added"."""
        runs: list[tuple[str, str]] = []
        matcher = difflib.SequenceMatcher(None, self.old, self.new, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                runs.append(("same", self.old[i1:i2]))
                continue
            if i2 > i1:
                runs.append(("removed", self.old[i1:i2]))
            if j2 > j1:
                runs.append(("added", self.new[j1:j2]))
        return runs


@dataclass(frozen=True)
class ArticleDiff:
    fields: tuple[tuple[str, str, str], ...]  # (field, old, new) for changed metadata
    changes: tuple[Change, ...]

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.changes)

    def as_text(self) -> str:
        """A readable summary: ``- old`` / ``+ new`` lines, metadata first."""
        lines = [f"{name}: {old} → {new}" for name, old, new in self.fields]
        for c in self.changes:
            if c.old:
                lines.append(f"- {c.old}")
            if c.new:
                lines.append(f"+ {c.new}")
        return "\n".join(lines)


    def as_html(self) -> str:
        """The differences as HTML for the reader: <del> for removed, <ins> for added words."""
        out = [f"<p class='diff-field'>{escape(name)}: <del>{escape(old)}</del> "
               f"<ins>{escape(new)}</ins></p>" for name, old, new in self.fields]
        for c in self.changes:
            if c.kind == "added":
                out.append(f"<p class='diff-added'><ins>{escape(c.new)}</ins></p>")
            elif c.kind == "removed":
                out.append(f"<p class='diff-removed'><del>{escape(c.old)}</del></p>")
            else:
                runs = "".join(escape(t) if op == "same" else
                               f"<{'del' if op == 'removed' else 'ins'}>{escape(t)}"
                               f"</{'del' if op == 'removed' else 'ins'}>"
                               for op, t in c.inline())
                out.append(f"<p class='diff-changed'>{runs}</p>")
        return "\n".join(out)


def _field_text(article: Article, name: str) -> str:
    value = getattr(article, name)
    if value is None:
        return ""
    if isinstance(value, tuple):
        return " ".join(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _paragraphs(article: Article) -> list[str]:
    return [t for t in (b.plain().strip() for b in article.blocks) if t]


def diff_articles(old: Article, new: Article) -> ArticleDiff:
    """The differences from ``old`` to ``new``: metadata fields, then paragraphs in order."""
    fields = tuple((name, _field_text(old, name), _field_text(new, name)) for name in _FIELDS
                   if _field_text(old, name) != _field_text(new, name))
    a, b = _paragraphs(old), _paragraphs(new)
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        changes.extend(_pair(a[i1:i2], b[j1:j2]))
    return ArticleDiff(fields=fields, changes=tuple(changes))


def _pair(olds: list[str], news: list[str]) -> list[Change]:
    """Old and new paragraphs of one replaced stretch: a reworded paragraph is paired with its
    most similar successor (in order), the rest are plain removals and additions."""
    out: list[Change] = []
    j = 0
    for o in olds:
        best, best_ratio = -1, REWORDED_MIN_SIMILARITY
        for k in range(j, len(news)):
            ratio = difflib.SequenceMatcher(None, o, news[k], autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = k, ratio
        if best < 0:
            out.append(Change("removed", old=o))
            continue
        out.extend(Change("added", new=n) for n in news[j:best])
        out.append(Change("changed", o, news[best]))
        j = best + 1
    out.extend(Change("added", new=n) for n in news[j:])
    return out


def normalize_for_match(text: str) -> str:
    """Text folded for quote matching: NFKC (width forms) and no white space at all."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def quote_in_text(quote: str, text: str) -> bool:
    needle = normalize_for_match(quote)
    return bool(needle) and needle in normalize_for_match(text)


def stale_clippings(clippings: Iterable[Clipping], current: Article) -> list[Clipping]:
    """Clippings whose quote is no longer in ``current`` (the article's newest version)."""
    haystack = normalize_for_match(current.title + "\n" + current.text)
    return [c for c in clippings
            if not normalize_for_match(c.quote) or normalize_for_match(c.quote) not in haystack]
