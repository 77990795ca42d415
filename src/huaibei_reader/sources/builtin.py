"""The sources the reader knows without looking: those the site rules declare in their
``[source]`` table (今日淮北, morang.cn, in ``resources/sites/morang.toml``; a user's rules
folder may add more). A light module (no feed or HTML parser) so the window can offer them
on its first-run page without loading detection."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from huaibei_reader.models import SiteRules, Source


def builtin_sources(site_rules: Mapping[str, SiteRules]) -> list[Source]:
    """The sources the rules files declare ([source]), in file order (not yet stored)."""
    return [Source(id=None, name=rules.name, url=rules.start_url, kind="site", rules=key)
            for key, rules in site_rules.items() if rules.start_url]


def builtin_source(text: str, site_rules: Mapping[str, SiteRules], *,
                   name: str | None = None) -> Source | None:
    """The built-in source called ``text`` (its name or an alias, e.g. 今日淮北, morang,
    morang.cn; case, a leading http(s):// and a trailing / do not matter), if any; named
    ``name`` when one is given."""
    wanted = _alias_key(text)
    for source in builtin_sources(site_rules):
        rules = site_rules[source.rules or ""]
        if wanted in {_alias_key(a) for a in (rules.name, *rules.aliases)}:
            return replace(source, name=name.strip()) if name and name.strip() else source
    return None


def _alias_key(text: str) -> str:
    """Forms of one name typed in different ways: the window's address box adds https://."""
    return re.sub(r"^https?://", "", text.strip(), flags=re.IGNORECASE).rstrip("/").lower()
