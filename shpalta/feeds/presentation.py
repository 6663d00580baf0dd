"""Structured data and feed links for the public templates."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from markupsafe import Markup

from . import structured


def article_json_ld(article) -> Markup:
    """Safe to mark: json_ld escapes <, > and &, so nothing can close the script element."""
    return Markup(structured.json_ld(structured.news_article(article)))


def article_open_graph(article) -> list[tuple[str, str]]:
    return structured.open_graph(article)


def article_twitter_card(article) -> list[tuple[str, str]]:
    return structured.twitter_card(article)


def feed_links(subject=None) -> list[tuple[str, str, str]]:
    """(title, type, url) for the <link rel="alternate"> of a page: the site's feeds, and the
    subject's own when the page lists a section, tag or author (or any kind that has feeds
    named "<model>_rss" / "<model>_atom")."""
    links = [
        (settings.SITE_NAME, "application/rss+xml", reverse("feeds:site_rss")),
        (settings.SITE_NAME, "application/atom+xml", reverse("feeds:site_atom")),
    ]
    kind = subject._meta.model_name if subject is not None and hasattr(subject, "_meta") else None
    if kind is None:
        return links
    title = f"{settings.SITE_NAME} — {subject}"
    try:
        return [
            (title, "application/rss+xml", reverse(f"feeds:{kind}_rss", args=[subject.slug])),
            (title, "application/atom+xml", reverse(f"feeds:{kind}_atom", args=[subject.slug])),
            *links,
        ]
    except NoReverseMatch:
        return links
