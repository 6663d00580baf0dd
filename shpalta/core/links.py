"""Addresses of slugged pages, built without a full `reverse()` per link.

A page links to forty-odd stories, sections, tags and authors; `reverse()` walks the URL
resolver for each (about a sixth of an article render, measured). The pattern of each
route is reversed once per script prefix, and a slug made only of URL-safe characters is
put into it; any other slug takes the ordinary `reverse()`, which escapes it.
"""

import functools
import re

from django.urls import get_script_prefix, reverse

PLACEHOLDER = "slug-placeholder-0"
SAFE_SLUG = re.compile(r"[A-Za-z0-9_-]+")


@functools.lru_cache(maxsize=64)
def _pattern(route: str, prefix: str) -> tuple[str, str]:
    before, _, after = reverse(route, args=[PLACEHOLDER]).partition(PLACEHOLDER)
    return before, after


def slug_url(route: str, slug: str) -> str:
    if not SAFE_SLUG.fullmatch(slug):
        return reverse(route, args=[slug])
    before, after = _pattern(route, get_script_prefix())
    return before + slug + after
