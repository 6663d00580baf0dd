from django import template
from django.conf import settings

from shpalta.ratings.selectors import rating_for_article
from shpalta.ukrainian import dates, plurals, teasers

register = template.Library()


@register.filter
def kyiv_datetime(moment):
    return dates.format_datetime(moment) if moment else ""


@register.filter
def kyiv_date(moment):
    return dates.format_date(moment) if moment else ""


@register.filter
def iso(moment):
    return dates.to_kyiv(moment).isoformat() if moment else ""


@register.filter
def teaser(text, limit=None):
    return teasers.teaser(text or "", int(limit or settings.TEASER_LENGTH))


@register.filter
def votes(n):
    return plurals.votes_phrase(n)


@register.filter
def rating(article):
    return rating_for_article(article)


@register.filter
def credit(article):
    """« – Politico» after a headline: the outlets the story is credited to."""
    names = [source.name for source in article.sources.all()]
    return f" – {', '.join(names)}" if names else ""


@register.filter
def safe_url(url):
    """Only web and mail addresses become links: a javascript: or data: address stored by an
    importer or typed into the database directly never reaches an href."""
    value = (url or "").strip()
    return value if value.lower().startswith(("https://", "http://", "mailto:", "/")) else ""
