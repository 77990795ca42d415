"""What changed between versions, and which clippings lost their quote."""

from __future__ import annotations

from dataclasses import replace

from export_seed import PARAGRAPHS, QUOTE, seed_article, seed_clipping

from huaibei_reader.export.diff import diff_articles, quote_in_text, stale_clippings


def test_identical_versions_have_no_changes():
    assert not diff_articles(seed_article(), seed_article()).changed


def test_reworded_added_and_removed_paragraphs():
    old = seed_article()
    new_paras = (PARAGRAPHS[0].replace("50多名", "60多名"), PARAGRAPHS[2], "新增的一段说明。")
    new = replace(seed_article(paragraphs=new_paras), title=old.title + "(更新)")
    d = diff_articles(old, new)
    assert ("title", old.title, new.title) in d.fields
    kinds = [c.kind for c in d.changes]
    assert kinds.count("changed") == 1 and "removed" in kinds and "added" in kinds
    changed = next(c for c in d.changes if c.kind == "changed")
    runs = changed.inline()
    assert ("removed", "5") in runs and ("added", "6") in runs
    assert "".join(t for op, t in runs if op != "added") == changed.old
    assert "".join(t for op, t in runs if op != "removed") == changed.new
    removed = next(c for c in d.changes if c.kind == "removed")
    assert removed.old == PARAGRAPHS[1]
    assert "+ 新增的一段说明。" in d.as_text()


def test_quote_matching_ignores_width_forms_and_spaces():
    assert quote_in_text("社区“一家人”", "真正成为社区“一家人”。")
    assert quote_in_text("Hello,  world", "say hello,world".replace("h", "H"))
    assert quote_in_text("６月２３日", "6月23日上午")
    assert not quote_in_text("", "anything")
    assert not quote_in_text("一家人们", "一家人")


def test_clipping_is_flagged_when_its_quote_is_gone():
    kept, gone = seed_clipping(), seed_clipping(clip_id=2, quote="不在文中")
    current = seed_article(paragraphs=(PARAGRAPHS[0], PARAGRAPHS[2]))
    assert QUOTE not in current.text
    assert stale_clippings([kept, gone], current) == [kept, gone]
    assert stale_clippings([kept, gone], seed_article()) == [gone]


def test_diff_as_html_marks_words():
    from lxml import html as lxml_html

    old = seed_article()
    new = seed_article(paragraphs=(PARAGRAPHS[0].replace("50多名", "<60>多名"),
                                   *PARAGRAPHS[1:]))
    tree = lxml_html.fromstring(f"<div>{diff_articles(old, new).as_html()}</div>")
    assert [e.text for e in tree.xpath("//del")] == ["5"]
    assert [e.text for e in tree.xpath("//ins")] == ["<6", ">"]  # escaped, read back as text
    assert "社区5<60>多名" in tree.text_content()
