"""Absolute addresses. Feeds, sitemaps and structured data are read by machines far from the
request, so every address in them is built from SITE_URL, never from the Host header."""

from django.conf import settings

from shpalta.ukrainian.dates import to_kyiv


def absolute(url: str) -> str:
    """ "/news/x/" → "https://site/news/x/"; an already absolute URL (a CDN for media) stays."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}{url}"


def image_url(article) -> str | None:
    return absolute(article.image.url) if article.image else None


def iso_kyiv(moment) -> str:
    """ISO 8601 with the Kyiv offset, e.g. 2026-11-28T14:05:00+02:00."""
    return to_kyiv(moment).isoformat(timespec="seconds")
