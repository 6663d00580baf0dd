"""What an article page tells machines: schema.org NewsArticle, OpenGraph, Twitter cards.

No AggregateRating: search engines show no stars for news and treat self-served ratings
as spam."""

import json

from django.conf import settings
from django.templatetags.static import static

from shpalta.images.selectors import social_image, structured_data_image_urls

from .links import absolute, image_url, iso_kyiv

# JSON inside <script> ends at the first "</script>" whatever the JSON says, so <, > and &
# are written as \\u escapes (the same set Django's json_script uses); JSON parsers read
# them back as the same characters.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def modified_at(article):
    return max(article.updated_at, article.published_at or article.updated_at)


def _person(author) -> dict:
    return {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}


def _authors(article) -> list[dict]:
    """Each author a Person with their page; an unsigned story is the newsroom's own."""
    people = [_person(author) for author in article.authors.all()]
    return people or [{"@type": "Organization", "name": settings.SITE_NAME, "url": absolute("/")}]


def publisher() -> dict:
    organisation = {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": absolute("/"),
    }
    if settings.SITE_LOGO:
        organisation["logo"] = {"@type": "ImageObject", "url": absolute(static(settings.SITE_LOGO))}
    return organisation


def news_article(article) -> dict:
    """The NewsArticle for an article loaded with its section and authors."""
    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": article.lede or article.teaser,
        "inLanguage": "uk",
        "datePublished": iso_kyiv(article.published_at),
        "dateModified": iso_kyiv(modified_at(article)),
        "author": _authors(article),
        "publisher": publisher(),
        "articleSection": article.section.name,
        "isAccessibleForFree": True,
    }
    # The photo library's 16:9, 4:3 and 1:1 crops when the article has a lead photo; the
    # legacy image field (older and imported articles) or the site's card otherwise.
    images = structured_data_image_urls(article) or [image_url(article) or _default_image()]
    if images[0]:
        data["image"] = images
    keywords = [tag.name for tag in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    return data


def _default_image() -> str | None:
    return absolute(static(settings.SITE_DEFAULT_IMAGE)) if settings.SITE_DEFAULT_IMAGE else None


def _card(article) -> tuple[str, str, tuple[int, int] | None] | None:
    """(url, alt, (width, height) or None) for og:image and twitter:image: the 1200×630
    social card of the lead photo, else the legacy image, else the site's default."""
    card = social_image(article)
    if card:
        return card.url, card.alt or article.headline, (card.width, card.height)
    image = image_url(article) or _default_image()
    return (image, article.image_alt or article.headline, None) if image else None


def json_ld(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_ESCAPES)


def open_graph(article) -> list[tuple[str, str]]:
    """(property, content) pairs, OpenGraph then article:*; values are escaped by the template."""
    card = _card(article)
    pairs = [
        ("og:type", "article"),
        ("og:site_name", settings.SITE_NAME),
        ("og:locale", "uk_UA"),
        ("og:title", article.headline),
        ("og:description", article.lede or article.teaser),
        ("og:url", absolute(article.get_absolute_url())),
    ]
    if card:
        url, alt, size = card
        pairs.append(("og:image", url))
        if size:
            pairs += [("og:image:width", str(size[0])), ("og:image:height", str(size[1]))]
        pairs.append(("og:image:alt", alt))
    pairs += [
        ("article:published_time", iso_kyiv(article.published_at)),
        ("article:modified_time", iso_kyiv(modified_at(article))),
        ("article:section", article.section.name),
    ]
    pairs += [("article:author", absolute(a.get_absolute_url())) for a in article.authors.all()]
    pairs += [("article:tag", tag.name) for tag in article.tags.all()]
    return pairs


def twitter_card(article) -> list[tuple[str, str]]:
    card = _card(article)
    pairs = [
        ("twitter:card", "summary_large_image" if card else "summary"),
        ("twitter:title", article.headline),
        ("twitter:description", article.lede or article.teaser),
    ]
    if card:
        pairs += [("twitter:image", card[0]), ("twitter:image:alt", card[1])]
    if settings.TWITTER_SITE:
        pairs.append(("twitter:site", settings.TWITTER_SITE))
    return pairs
