"""The fast class-name test of the segmenter says what its stem test and FURNITURE_NAMES say."""

from __future__ import annotations

import random

from huaibei_reader.extract import dom
from huaibei_reader.extract import patterns as pt


def test_the_fast_word_test_agrees_with_the_pattern() -> None:
    """Words made of the stems, their neighbours and separators, in any case, and words with
    letters that fold onto ASCII only when case is ignored (the long s, the Kelvin sign).
    The reference is the test as it was: a stem of FURNITURE_STEMS in the lowercased word
    (without folding, so "ſidebar" has none), then FURNITURE_NAMES (with folding)."""
    rnd = random.Random(13)
    pieces = [*pt.FURNITURE_STEMS, "bar", "post", "news", "rail", "s", "er", "ing", "list",
              "box", "ious", "-", "_", "x", "ſ", "K", "İ", "ü", "2"]
    words = {"ſidebar", "ſhare", "navigation", "Sidebar", "post-nav", "header", "padding",
             "ads", "adsense", "tags-list", "prev-post", "author-bio", "LinKs", "ſide",
             "tagſ", "adſ", "toolſ"}  # the last three are furniture only when case folds
    words |= {"".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 5)))
              for _ in range(4000)}
    dom.clear_caches()
    verdicts = {w: dom._furniture_word(w) for w in sorted(words)}

    def reference(word: str) -> bool:
        low = word.lower()
        return any(stem in low for stem in pt.FURNITURE_STEMS) and \
            pt.FURNITURE_NAMES.search(low) is not None

    assert verdicts == {w: reference(w) for w in sorted(words)}
    assert verdicts["Sidebar"] and verdicts["LinKs"] and verdicts["adſ"]
    assert not verdicts["padding"]
    assert sum(verdicts.values()) > len(words) // 10
