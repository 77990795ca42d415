"""Hand-made pages for the rules that must hold without class names, and a perturbation.

``anonymise`` does to a page what a site with another stylesheet does: every class and id
a meaningless token (one per distinct word, as a stylesheet keeps them consistent) and the
semantic tags (article, aside, nav, header, footer, section...) plain divs. A rule that
reads structure and text gives the same story on both; one that reads names does not.
The texts are our own.
"""

from __future__ import annotations

import random

from lxml import etree
from lxml import html as lxml_html

SEMANTIC_TAGS = ("article", "main", "aside", "nav", "header", "footer", "section", "figure",
                 "figcaption", "menu", "address")


def anonymise(page: bytes, seed: int = 0) -> bytes:
    """The page with random class and id tokens and no semantic tags (UTF-8, seeded)."""
    rng = random.Random(seed)
    root = lxml_html.document_fromstring(page.decode("utf-8"))
    tokens: dict[str, str] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in SEMANTIC_TAGS:
            el.tag = "div"
        for attr in ("class", "id"):
            value = el.get(attr)
            if value is not None:
                el.set(attr, " ".join(tokens.setdefault(
                    w, "x" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789")
                                     for _ in range(7))) for w in value.split()))
        for attr in ("role", "itemprop"):
            el.attrib.pop(attr, None)
    return b'<!DOCTYPE html>\n' + lxml_html.tostring(root, encoding="utf-8")


def names_left(page: bytes) -> set[str]:
    """Every class and id word of a page (to check that anonymise removed the meaningful)."""
    root = etree.fromstring(page, etree.HTMLParser())
    return {w for el in root.iter() if isinstance(el.tag, str)
            for attr in ("class", "id") for w in (el.get(attr) or "").split()}


# ---- a page builder's page: every block in one repeated widget class ----------------------

BUILDER_STORY = [
    "When the community orchard on Mill Lane lost its last old pear tree in the storm, the "
    "volunteers decided to graft new trees from its branches rather than buy saplings.",
    "Grafting is slower than planting nursery stock, but it keeps the variety that grew "
    "here for a century, a small hard pear that cooks well and keeps until March.",
    "Twenty rootstocks were bought in January, and the scion wood was cut from the fallen "
    "tree before the sap rose. Eighteen of the grafts took, which the group calls a record.",
    "The young trees will stay in the nursery bed for two summers before they are planted "
    "out along the lane, where the old tree stood for as long as anyone can remember.",
]
BUILDER_CALLS = ["Join one of our free pruning workshops this winter: pick a date and come along",
                 "Sign up for the orchard letter and hear about every harvest day first"]
BUILDER_BIO = "Ruth Alder runs the orchard group and writes about it every month."


def page_builder_post() -> bytes:
    """Calls to action, a menu, the headline, the story and an author box, each in a widget
    of one class (a page builder's)."""
    widget = 'class="builder-widget-wrap elementor-widget-container"'
    calls = "".join(f'<div {widget}><h2>{c}</h2></div>' for c in BUILDER_CALLS)
    menu = f'<div {widget}><ul>' + "".join(
        f'<li><a href="/page/{i}">Orchard page number {i}</a></li>' for i in range(12)) + \
        "</ul></div>"
    story = "".join(f"<p>{p}</p>" for p in BUILDER_STORY)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>The orchard grafts its own pears - Mill Lane Orchard</title></head><body>
<div class="site-widgets">{calls}{menu}
<div {widget}><h1>The orchard grafts its own pears</h1></div>
<div {widget}>{story}</div>
<div {widget}><p><img src="/ruth.jpg" width="80" height="80"></p><p>Ruth Alder</p>
<p>{BUILDER_BIO}</p></div>
{menu}<div {widget}><h2>{BUILDER_CALLS[0]}</h2></div>
</div></body></html>""".encode()


# ---- a short story under its headline, a long blurb in the footer -------------------------

SHORT_STORY = [
    "The ferry between the two harbours will run every half hour from Monday, the council "
    "said, after the second boat returned from its refit two weeks early.",
    "The timetable had been cut to one crossing an hour since September, when the older "
    "boat was taken out of service for new engines and a repainted hull.",
]
FOOTER_BLURB = (
    "The Harbour Courier has reported on the life of the two harbours since 1921. Our "
    "newsroom is open to readers every weekday between nine and five, and letters to the "
    "editor may be sent by post or handed in at the front desk; we read every one of them, "
    "although we cannot publish them all. Subscriptions, archive copies and photographic "
    "prints of pictures published in the paper can be ordered at the same desk, by telephone "
    "or by writing to the circulation office. The Courier is printed on recycled paper."
)


def short_story_long_footer() -> bytes:
    """Two paragraphs under the headline, a menu of links, a long footer paragraph."""
    menu = "".join(f'<li><a href="/section/{i}">Section number {i} of the paper</a></li>'
                   for i in range(40))
    story = "".join(f"<p>{p}</p>" for p in SHORT_STORY)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Half-hourly ferry returns | The Harbour Courier</title>
<meta property="og:title" content="Half-hourly ferry returns"></head><body>
<header class="masthead"><a href="/">The Harbour Courier</a></header>
<article class="story"><h1>Half-hourly ferry returns</h1><p class="dateline">May 3, 2021</p>
{story}</article>
<nav class="site-nav"><ul>{menu}</ul></nav>
<footer class="site-footer"><p>{FOOTER_BLURB}</p></footer>
</body></html>""".encode()


# ---- a comments column printed before the story ----------------------------------

COLUMN_STORY = [
    "The library's reading room reopens on Saturday after a year of repairs to its roof, "
    "which had let in water over the map collection during the wet winter of last year.",
    "Most of the maps were dried and flattened by conservators in the city archive, and "
    "only a handful were lost. They go back on display in the east gallery in the autumn.",
    "The repairs cost less than first feared because the original slates could be reused, "
    "the library's director said. The new lead flashing should last for another century.",
]


def comments_column_before_story() -> bytes:
    """A "User comments" heading whose thread a script fills (empty here), then a column of
    dated teasers, then the story, all in one wrapper: the heading's section is not the
    wrapper's whole rest."""
    entries = "".join(
        f'<div><a href="/story/{i}">A popular story, number {i}</a><p>June {i + 1}, 2021 '
        f'10:1{i}</p><p>Short teaser number {i} for another story.</p></div>'
        for i in range(6))
    story = "".join(f"<p>{p}</p>" for p in COLUMN_STORY)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Reading room reopens after roof repairs</title></head><body>
<div class="page"><div class="c1"><h2>User comments</h2><div class="load"></div></div>
<div class="c2">{entries}</div>
<div class="c3"><h1>Reading room reopens after roof repairs</h1><p>June 20, 2021</p>{story}
</div></div><div class="end"><p>{COLUMN_FOOTER}</p></div></body></html>""".encode()


COLUMN_FOOTER = "The City Gazette is written and printed in the old corn exchange."


# ---- a list of other stories whose excerpts come in two paragraphs ------------------------

CARD_STORY = [
    "Volunteers counted forty-one species of bird in the marsh on Sunday, the most since "
    "the count began, thanks to a mild week that brought the waders in early.",
    "The count has been held on the first Sunday of February for thirty years. Teams of "
    "two walk set routes along the sea wall and the creeks and note every bird they see.",
    "Among the rarer visitors were a pair of spoonbills and a single snow bunting, which "
    "was seen by three teams on the shingle bank at the mouth of the river.",
]
CARD_EXCERPTS = [
    ("A walk along the old railway line is the best way to see the valley in winter.",
     "The path is level and dry, and the cuttings shelter it from the worst of the wind. "
     "From the viaduct the whole of the lower valley is in view, with the river shining "
     "below and the hills behind."),
    ("The village hall has a new floor, laid by the family firm that laid the old one.",
     "The oak came from a wood ten miles away and was dried for two years before it was "
     "cut. The first dance on the new floor is planned for the harvest supper in "
     "September, and tickets are already selling."),
    ("Beekeepers in the district report a good year for honey.",
     "Most hives produced more honey than last summer, and the long spell of warm weather "
     "in June is given the credit. The association's honey show will be held in the "
     "church hall next month, with prizes for the best clear and set honey."),
]


def cards_with_two_paragraph_excerpts() -> bytes:
    """A story, then "You might also like" over cards: a linked photo, a share link, an
    excerpt in two paragraphs (the second longer than a teaser line), a section, a date."""
    cards = "".join(
        f'<div class="c"><a href="/s/{i}"><img src="/s/{i}.jpg" width="300" height="200"></a>'
        f'<div><a href="/share/{i}">Share this story</a></div><p>{a}</p><p>{b}</p>'
        f'<p><a href="/walks">Country life</a></p><p>June {i + 1}, 2021</p><p>3 min read</p>'
        f'</div>'
        for i, (a, b) in enumerate(CARD_EXCERPTS))
    story = "".join(f"<p>{p}</p>" for p in CARD_STORY)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>A record bird count in the marsh</title></head><body><div class="w">
<h1>A record bird count in the marsh</h1>{story}<div><h3>You might also like</h3>{cards}
</div></div></body></html>""".encode()
