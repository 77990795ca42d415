"""Each export read back by a real reader of its format, notes, tags and clippings included."""

from __future__ import annotations

import base64
import io
import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import docx
import yaml
from export_seed import (
    IMAGE_URL,
    QUOTE,
    SEED_TITLE,
    image_lookup,
    seed_citation,
    seed_clipping,
    seed_document,
    tiny_png,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from huaibei_reader.export.citation import format_citation
from huaibei_reader.export.document import (
    ExportDocument,
    article_entry,
    clipping_entries,
)
from huaibei_reader.export.docx import render_docx
from huaibei_reader.export.html import render_html
from huaibei_reader.export.json_export import render_json
from huaibei_reader.export.markdown import render_markdown
from huaibei_reader.export.text import render_text
from huaibei_reader.textsafe import strip_controls

GBT = format_citation(seed_citation(), "gbt7714")
PHRASE = "搭建起居民之间沟通和交流的桥梁"


def _front_matter(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    head, _, body = text[4:].partition("\n---\n")
    return yaml.safe_load(head), body


def test_markdown_front_matter_parses_with_pyyaml():
    meta, body = _front_matter(render_markdown(seed_document()))
    assert meta["title"] == SEED_TITLE
    assert meta["authors"] == ["韩惠", "胡文静"]
    assert meta["publisher"] == "人民网-安徽频道" and meta["site"] == "今日淮北"
    assert meta["published"] == "2022-10-01T13:39:07+08:00"
    assert meta["citation"] == GBT
    assert meta["note"] == "采访王秀程的线索"
    assert meta["tags"] == ["社区", "相山区"]
    quotes = [(c["quote"], c["quote_missing_from_current_text"]) for c in meta["clippings"]]
    assert quotes == [(QUOTE, False), ("这句话后来被删掉了", True)]
    assert PHRASE in body and "采访王秀程的线索" in body
    assert "> 真正成为社区“一家人”" in body
    assert "no longer in the current text" in body


def test_markdown_front_matter_survives_hostile_strings():
    nasty = 'a: "b"\n- c\u2028d\\e #f --- \t\x07'
    clip = replace(seed_clipping(), note=nasty, tags=("x: y", "- z"))
    meta, _ = _front_matter(render_markdown(seed_document(clippings=(clip,))))
    assert meta["clippings"][0]["note"] == nasty.replace("\x07", "")  # controls go (textsafe)
    assert meta["clippings"][0]["tags"] == ["x: y", "- z"]


def test_markdown_of_several_entries_lists_them():
    one = seed_document().entries[0]
    doc = ExportDocument(title="书签 Bookmarks", entries=(one, one), created_at=one.citation.
                         retrieved_at)
    meta, body = _front_matter(render_markdown(doc))
    assert meta["title"] == "书签 Bookmarks"
    assert [a["title"] for a in meta["articles"]] == [SEED_TITLE, SEED_TITLE]
    assert body.count("## 淮北相山区") == 2


def test_html_is_self_contained_with_images_inlined():
    page = render_html(seed_document(), image_lookup)
    tree = lxml_html.fromstring(page)
    imgs = tree.xpath("//img")
    assert len(imgs) == 1
    src = imgs[0].get("src")
    assert src.startswith("data:image/png;base64,")
    assert base64.b64decode(src.split(",", 1)[1]) == tiny_png()
    # Nothing is fetched from the network: no external src/href on loading elements.
    for el in tree.xpath("//*[@src]"):
        assert el.get("src").startswith("data:")
    assert not tree.xpath("//link|//script|//iframe")
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp
    text = tree.text_content()
    assert PHRASE in text and "采访王秀程的线索" in text and "相山区" in text
    assert [q.text_content() for q in tree.xpath("//blockquote[@class='quote']")] == [
        QUOTE, "这句话后来被删掉了"]
    assert tree.xpath("//p[@class='stale']")
    assert GBT in text


def test_html_without_stored_image_links_it_and_escapes_markup():
    doc = seed_document(clippings=(replace(seed_clipping(), note="<script>alert(1)</script>"),))
    tree = lxml_html.fromstring(render_html(doc, None))
    assert not tree.xpath("//img") and not tree.xpath("//script")
    assert tree.xpath(f"//a[@href='{IMAGE_URL}']")
    assert "<script>alert(1)</script>" in tree.text_content()


def test_text_export_holds_everything():
    text = render_text(seed_document())
    for needle in (SEED_TITLE, PHRASE, GBT, "采访王秀程的线索", "社区, 相山区", f"「{QUOTE}」",
                   "可用于导语", "no longer in the current text", "• 志愿服务"):
        assert needle in text


def test_json_export_round_trips():
    data = json.loads(render_json(seed_document()))
    art = data["articles"][0]
    assert art["title"] == SEED_TITLE and art["citation"] == GBT
    assert PHRASE in art["text"]
    assert art["blocks"][2] == {"kind": "image", "src": IMAGE_URL, "alt": "包粽子",
                                "text": "居民包粽子"}
    assert [c["quote"] for c in art["clippings"]] == [QUOTE, "这句话后来被删掉了"]
    assert art["note"] == "采访王秀程的线索" and art["tags"] == ["社区", "相山区"]


def test_docx_reads_back_with_python_docx():
    data = render_docx(seed_document(), image_lookup)
    d = docx.Document(io.BytesIO(data))
    paras = [p.text for p in d.paragraphs]
    text = "\n".join(paras)
    assert paras[0] == SEED_TITLE
    assert PHRASE in text and "采访王秀程的线索" in text and GBT in text
    assert QUOTE in paras and "志愿服务" in paras
    assert "注意 Note: this quote is no longer in the current text." in paras
    assert len(d.inline_shapes) == 1
    assert d.core_properties.title == SEED_TITLE
    blobs = [r.target_part.blob for r in d.part.rels.values() if "image" in r.reltype]
    assert blobs == [tiny_png()]


def test_docx_core_properties_are_the_exports():
    made = datetime(2026, 12, 3, 14, 30, 5, tzinfo=timezone(timedelta(hours=8)))
    doc = replace(seed_document(), created_at=made)
    props = docx.Document(io.BytesIO(render_docx(doc))).core_properties
    assert props.created == props.modified == made  # 06:30:05 UTC, not the template's 2013
    assert props.author == "韩惠, 胡文静" and props.last_modified_by == ""
    assert props.title == SEED_TITLE and props.revision == 1


def test_docx_survives_control_characters():
    clip = replace(seed_clipping(), quote="坏\x0b字符\x00", note="\x1f")
    d = docx.Document(io.BytesIO(render_docx(seed_document(clippings=(clip,)))))
    assert "坏字符" in [p.text for p in d.paragraphs]


def test_clippings_export_groups_by_article_and_flags_stale():
    from export_seed import seed_item

    clips = [seed_clipping(), seed_clipping(clip_id=3, quote="不存在的话", item_id=9)]
    entries = clipping_entries(clips, lambda i: seed_item() if i == 7 else None)
    assert [e.article_id for e in entries] == [7, 9]
    assert entries[0].article is None and entries[0].stale == frozenset()
    assert entries[1].stale == frozenset()  # article gone: nothing to compare against
    doc = ExportDocument(title="摘录", entries=entries)
    meta, body = _front_matter(render_markdown(doc))
    assert [a["clippings"][0]["quote"] for a in meta["articles"]] == [QUOTE, "不存在的话"]
    assert PHRASE not in body


def test_entry_without_bookmark_or_clippings():
    from export_seed import seed_item

    entry = article_entry(seed_item())
    doc = ExportDocument(title=entry.title, entries=(entry,))
    meta, _ = _front_matter(render_markdown(doc))
    assert meta["bookmarked"] is False and meta["clippings"] == [] and meta["tags"] == []


def test_html_links_only_web_urls():
    from export_seed import seed_article, seed_item

    hostile = replace(seed_article(), blocks=(
        replace(seed_article().blocks[2], src="javascript:alert(1)"),))
    entry = article_entry(seed_item(article=hostile))
    tree = lxml_html.fromstring(render_html(ExportDocument(title="x", entries=(entry,))))
    hrefs = tree.xpath("//a/@href")
    assert not [h for h in hrefs if h.lower().startswith("javascript")]
    assert "#" in hrefs


@settings(max_examples=60, deadline=None)
@given(note=st.text(max_size=80), tag=st.text(min_size=1, max_size=20))
def test_front_matter_round_trips_any_text(note, tag):
    clip = replace(seed_clipping(), note=note, tags=(tag,))
    meta, _ = _front_matter(render_markdown(seed_document(clippings=(clip,))))
    assert meta["clippings"][0]["note"] == strip_controls(note)
    assert meta["clippings"][0]["tags"] == [strip_controls(tag)]
