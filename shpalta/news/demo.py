"""Loads the demo newsroom (our own writing, shpalta/news/demo/content.json) through the
same services the editors use. Running it again updates, never duplicates."""

import json
import random
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from shpalta.ratings.models import ArticleRating, Vote

from . import services
from .models import Article, Author, Section, Source, Tag

CONTENT_FILE = Path(__file__).parent / "demo" / "content.json"


def load_content(path: Path = CONTENT_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@transaction.atomic
def demo_load(*, content: dict | None = None) -> dict[str, int]:
    content = content or load_content()
    sections = {
        item["slug"]: Section.objects.update_or_create(
            slug=item["slug"],
            defaults={"name": item["name"], "description": item["description"], "position": i},
        )[0]
        for i, item in enumerate(content["sections"])
    }
    sources = {
        item["name"]: Source.objects.update_or_create(
            name=item["name"], defaults={"url": item["url"]}
        )[0]
        for item in content["sources"]
    }
    authors = {item["name"]: _author(item) for item in content["authors"]}
    tags = {name: _tag(name) for name in content["tags"]}
    now = timezone.now().replace(second=0, microsecond=0)
    for item in content["articles"]:
        article = _article(item, sections, now)
        services.article_save(
            article=article,
            authors=[authors[name] for name in item["authors"]],
            tags=[tags[name] for name in item["tags"]],
            sources=[sources[name] for name in item.get("sources", [])],
        )
        _votes(article, item.get("votes", [0, 0, 0, 0, 0]))
    return {"sections": len(sections), "articles": len(content["articles"])}


def _author(item: dict) -> Author:
    author = Author.objects.filter(name=item["name"]).first() or Author(name=item["name"])
    author.bio = item.get("bio", "")
    author.slug = author.slug or services.named_slug(Author, author.name)
    author.save()
    return author


def _tag(name: str) -> Tag:
    return Tag.objects.filter(name=name).first() or Tag.objects.create(
        name=name, slug=services.named_slug(Tag, name)
    )


def _article(item: dict, sections: dict, now) -> Article:
    article = Article.objects.filter(headline=item["headline"]).first() or Article()
    article.headline = item["headline"]
    article.lede = item["lede"]
    article.body = item["body"]
    article.section = sections[item["section"]]
    article.status = item["status"]
    article.is_top_story = item.get("top_story", False)
    hours = item["hours_ago"]
    article.published_at = None if item["status"] == "draft" else now - timedelta(hours=hours)
    return article


def _votes(article: Article, counts: list[int]) -> None:
    """Demo readers' votes, written straight as rows plus matching totals."""
    Vote.objects.filter(article=article, reader__startswith="demo").delete()
    rng = random.Random(article.headline)
    rows = [
        Vote(
            article=article,
            reader=f"demo{stars}{i:05d}{rng.randrange(10**6):06d}"[:32],
            stars=stars,
        )
        for stars, count in enumerate(counts, start=1)
        for i in range(count)
    ]
    Vote.objects.bulk_create(rows)
    votes = Vote.objects.filter(article=article)
    ArticleRating.objects.update_or_create(
        article=article,
        defaults={
            "votes_count": votes.count(),
            "stars_total": sum(votes.values_list("stars", flat=True)),
        },
    )
