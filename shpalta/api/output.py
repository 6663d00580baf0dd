"""Models to API dicts. Plain functions over already-loaded rows: no query happens here."""

from shpalta.feeds.links import absolute, image_url
from shpalta.ratings.selectors import rating_for_article
from shpalta.ukrainian.dates import to_kyiv


def section_ref(section) -> dict:
    return {"slug": section.slug, "name": section.name, "url": absolute(section.get_absolute_url())}


def section(section) -> dict:
    return section_ref(section) | {"description": section.description}


def tag(tag) -> dict:
    return {"slug": tag.slug, "name": tag.name, "url": absolute(tag.get_absolute_url())}


def author_ref(author) -> dict:
    return {"slug": author.slug, "name": author.name, "url": absolute(author.get_absolute_url())}


def author(author) -> dict:
    return author_ref(author) | {"bio": author.bio}


def source(source) -> dict:
    return {"name": source.name, "url": source.url}


def _kyiv(moment):
    return to_kyiv(moment) if moment else None


def article_summary(article) -> dict:
    return {
        "id": article.pk,
        "slug": article.slug,
        "url": absolute(article.get_absolute_url()),
        "headline": article.headline,
        "lede": article.lede,
        "teaser": article.teaser,
        "section": section_ref(article.section),
        "authors": [author_ref(a) for a in article.authors.all()],
        "tags": [tag(t) for t in article.tags.all()],
        "published_at": _kyiv(article.published_at),
        "updated_at": _kyiv(article.updated_at),
        "image": image_url(article),
        "image_alt": article.image_alt,
    }


def article(article) -> dict:
    return article_summary(article) | {
        "body": article.body,
        "sources": [source(s) for s in article.sources.all()],
        "image_credit": article.image_credit,
        "rating": rating(article),
    }


def editor_article(article) -> dict:
    return {
        "id": article.pk,
        "slug": article.slug,
        "url": absolute(article.get_absolute_url()),
        "status": article.status,
        "headline": article.headline,
        "lede": article.lede,
        "body": article.body,
        "section": section_ref(article.section),
        "authors": [author_ref(a) for a in article.authors.all()],
        "tags": [tag(t) for t in article.tags.all()],
        "sources": [source(s) for s in article.sources.all()],
        "published_at": _kyiv(article.published_at),
        "updated_at": _kyiv(article.updated_at),
        "is_top_story": article.is_top_story,
        "image_alt": article.image_alt,
        "image_credit": article.image_credit,
    }


def rating(article) -> dict:
    return rating_for_article(article).as_dict()
