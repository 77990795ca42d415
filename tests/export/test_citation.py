"""Citations checked character by character against the rules of each style."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from export_seed import SEED_URL, seed_citation, seed_item

from huaibei_reader.errors import InputError
from huaibei_reader.export.citation import (
    citation_for,
    default_style,
    format_citation,
    quoted,
    with_quote,
)

SEED_GBT = ("韩惠, 胡文静. 淮北相山区:“三社联动”打造“熟人社区”[EB/OL]. "
            f"(2022-10-01)[2026-11-28]. {SEED_URL}.")


def test_seed_gbt7714_character_by_character():
    got = format_citation(seed_citation(), "gbt7714")
    assert got == SEED_GBT
    # The punctuation the standard prescribes, spelled out: half-width full stop + space,
    # half-width comma between names, no space before the type mark, final full stop.
    assert "韩惠, 胡文静. " in got and "，" not in got.replace("“", "")
    assert "”[EB/OL]. (" in got
    assert got.endswith(".html.")


def test_chinese_articles_default_to_gbt7714():
    assert default_style(seed_citation()) == "gbt7714"
    assert format_citation(seed_citation()) == SEED_GBT
    english = replace(seed_citation(), title="Flood season", lang="en")
    assert default_style(english) == "apa"


def test_citation_from_library_article_matches_seed():
    assert citation_for(seed_item()) == seed_citation()


def test_gbt_more_than_three_authors_gives_first_three_and_deng():
    c = replace(seed_citation(), authors=("甲", "乙", "丙", "丁"))
    assert format_citation(c, "gbt7714").startswith("甲, 乙, 丙, 等. 淮北")


def test_gbt_latin_names_family_in_capitals_initials_without_points():
    c = replace(seed_citation(), title="Coal city", lang="en",
                authors=("John Smith", "Mary Ann Lee", "de Vries, Jan", "X Y"))
    assert format_citation(c, "gbt7714").startswith("SMITH J, LEE M A, DE VRIES J, et al. Coal")


def test_gbt_without_author_names_the_publisher_then_the_site():
    c = replace(seed_citation(), authors=())
    assert format_citation(c, "gbt7714").startswith("人民网-安徽频道. 淮北相山区")
    c = replace(c, publisher=None)
    assert format_citation(c, "gbt7714").startswith("今日淮北. 淮北相山区")
    c = replace(c, site_name=None)
    assert format_citation(c, "gbt7714").startswith("淮北相山区:“三社联动”")


def test_gbt_without_published_date_keeps_only_the_cited_date():
    c = replace(seed_citation(), published=None)
    assert "[EB/OL]. [2026-11-28]. http" in format_citation(c, "gbt7714")


@pytest.fixture
def local_zone(monkeypatch):
    """Sets the process's local time zone (TZ) for one test; restores it afterwards."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset (setting the local zone) exists on Unix only")

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def test_access_date_is_the_readers_local_date(local_zone):
    # 2026-11-28 20:00 UTC: already the 29th in Beijing, still the 28th in New York.
    c = replace(seed_citation(), retrieved_at=datetime(2026, 11, 28, 20, 0, tzinfo=UTC))
    local_zone("Asia/Shanghai")
    assert "(2022-10-01)[2026-11-29]" in format_citation(c, "gbt7714")
    assert "Accessed November 29, 2026." in format_citation(c, "chicago")
    local_zone("America/New_York")
    assert "(2022-10-01)[2026-11-28]" in format_citation(c, "gbt7714")
    assert "Accessed November 28, 2026." in format_citation(c, "chicago")
    # The date the clipping shows (its local date) is the date the citation gives.
    assert c.retrieved_at.astimezone().date().isoformat() == "2026-11-28"


def test_publication_date_stays_in_the_articles_own_zone(local_zone):
    # Published 00:30 in Beijing on 1 October: the 30th of September in New York, but the
    # page (and the citation) says 1 October wherever the reader is.
    published = datetime(2022, 10, 1, 0, 30, tzinfo=timezone(timedelta(hours=8)))
    c = replace(seed_citation(), published=published)
    local_zone("America/New_York")
    assert "(2022-10-01)[" in format_citation(c, "gbt7714")
    assert "(2022, October 1)" in format_citation(c, "apa")
    assert ", October 1, 2022. Accessed" in format_citation(c, "chicago")


def test_apa7_seed():
    assert format_citation(seed_citation(), "apa") == (
        "韩惠, & 胡文静. (2022, October 1). 淮北相山区:“三社联动”打造“熟人社区”. "
        f"人民网-安徽频道 (reposted by 今日淮北). {SEED_URL}")


def test_apa7_latin_names_and_missing_author():
    c = replace(seed_citation(), title="Flood season begins", lang="en",
                authors=("John Smith", "Mary Ann Lee", "Bob Roe"), publisher=None,
                site_name="The Daily", published=datetime(2024, 6, 3, tzinfo=UTC))
    assert format_citation(c, "apa") == (
        "Smith, J., Lee, M. A., & Roe, B. (2024, June 3). Flood season begins. The Daily. "
        f"{SEED_URL}")
    # No person and no 来源: the site that published it stands as the group author.
    c = replace(c, authors=(), published=None)
    assert format_citation(c, "apa") == f"The Daily. (n.d.). Flood season begins. {SEED_URL}"


def test_chicago_seed_and_latin_names():
    assert format_citation(seed_citation(), "chicago") == (
        "韩惠 and 胡文静. \u201c淮北相山区:‘三社联动’打造‘熟人社区’.\u201d "
        "人民网-安徽频道 (reposted by 今日淮北), October 1, 2022. Accessed November 28, 2026. "
        f"{SEED_URL}.")
    c = replace(seed_citation(), title="Flood season begins", lang="en",
                authors=("John Smith", "Jane Doe"), publisher=None, site_name="The Daily")
    assert format_citation(c, "chicago").startswith(
        "Smith, John, and Jane Doe. \u201cFlood season begins.\u201d The Daily, October 1, 2022.")


def test_unknown_style_is_a_known_error():
    with pytest.raises(InputError, match="unknown citation style"):
        format_citation(seed_citation(), "mla")


def test_copy_with_citation_puts_quote_then_reference():
    text = with_quote(" 真正成为社区“一家人” ", seed_citation())
    assert text == f"“真正成为社区‘一家人’”\n\n{SEED_GBT}"


@pytest.mark.parametrize(("inner", "outer"), [
    ("看“快进键”按下", "“看‘快进键’按下”"),
    ("他说“这是‘快进键’”", "“他说‘这是“快进键”’”"),
    ('the "fast-forward" key', "“the ‘fast-forward’ key”"),
    ("don’t stop", "“don’t stop”"),
    ("a ‘quoted’ word and don’t", "“a “quoted” word and don’t”"),
])
def test_nested_quotation_marks_alternate(inner, outer):
    assert quoted(inner) == outer


def test_chicago_title_with_inner_quotes_alternates():
    c = replace(seed_citation(), title="按下“快进键”")
    assert "\u201c按下‘快进键’.\u201d" in format_citation(c, "chicago")


P, S = "人民网-安徽频道", "今日淮北"
ACCESSED = "Accessed November 28, 2026."


@pytest.mark.parametrize(("authors", "publisher", "site", "expected"), [
    # People wrote it, reposted: the original publisher is named as such, the site as reposter.
    (("韩惠",), P, S, ("韩惠. 标题[EB/OL]. [2026-11-28]. U.",
                      f"韩惠. (n.d.). 标题. {P} (reposted by {S}). U",
                      f"韩惠. “标题.” {P} (reposted by {S}). {ACCESSED} U.")),
    # No person: the original publisher is the author in all three; the site is where it is.
    ((), P, S, (f"{P}. 标题[EB/OL]. [2026-11-28]. U.",
                f"{P}. (n.d.). 标题. {S}. U",
                f"{P}. “标题.” {S}. {ACCESSED} U.")),
    # No person and no 来源: the site published it itself; it is the author, named once.
    ((), None, S, (f"{S}. 标题[EB/OL]. [2026-11-28]. U.",
                   f"{S}. (n.d.). 标题. U",
                   f"{S}. “标题.” {ACCESSED} U.")),
    # A 来源 equal to the site: one name, never "reposted by" itself.
    (("韩惠",), S, S, ("韩惠. 标题[EB/OL]. [2026-11-28]. U.",
                      f"韩惠. (n.d.). 标题. {S}. U",
                      f"韩惠. “标题.” {S}. {ACCESSED} U.")),
])
def test_the_three_styles_agree_on_publisher_and_reposting_site(authors, publisher, site,
                                                                expected):
    c = replace(seed_citation(), title="标题", authors=authors, publisher=publisher,
                site_name=site, published=None, url="U")
    got = tuple(format_citation(c, style) for style in ("gbt7714", "apa", "chicago"))
    assert got == expected
