"""Reads for entity pages and the article page's «У цій новині» block."""

import json
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery
from django.http import Http404

from shpalta.core.json_rows import JSONRows
from shpalta.core.prepared import hydrate
from shpalta.news.models import Article
from shpalta.news.selectors import ListPage, page_of, published_articles
from shpalta.news.selectors import _listing as card_listing

from .models import ArticleEntity, Entity, Kind
from .names import declined_name, phrase_in_case

RELATED_ENTITIES = 8
ARTICLE_ENTITIES = 12
ENTITY_LINK_FIELDS = ("id", "name", "slug", "kind")
_NAMED_COLUMNS = ("entity_id", "entity__name", "entity__slug", "entity__kind", "mentions")


@dataclass
class EntityPage:
    entity: Entity
    heading: str
    page: ListPage
    related: list[Entity]


def about_phrase(entity: Entity) -> str:
    """«Новини про Рустема Умєрова», «… про Південну Корею»: «про» takes the accusative."""
    if entity.kind == Kind.PERSON:
        return declined_name(entity.name, "accusative")
    return phrase_in_case(entity.name, "accs")


def entity_page(slug: str, number: int) -> EntityPage:
    entity = Entity.objects.filter(slug=slug).first()
    if entity is None:
        raise Http404("Такої сторінки немає")
    # The news app's one definition of what a card needs (section, lead image, sources).
    articles = card_listing(published_articles().filter(entity_links__entity=entity))
    return EntityPage(
        entity=entity,
        heading=f"Новини про {about_phrase(entity)}",
        page=page_of(articles, number),
        related=co_mentioned(entity),
    )


def co_mentioned(entity: Entity, *, count: int = RELATED_ENTITIES) -> list[Entity]:
    """The entities most often named in the same published stories, in one query."""
    shared = ArticleEntity.objects.filter(
        entity=entity, article__in=Article.objects.published()
    ).values("article_id")
    return list(
        Entity.objects.filter(article_links__article_id__in=shared)
        .exclude(pk=entity.pk)
        .annotate(shared=Count("article_links"))
        .order_by("-shared", "name")
        .only("id", "name", "slug", "kind")[:count]
    )


def _named(links):
    return links.values("article").annotate(named=JSONRows(*_NAMED_COLUMNS)).values("named")


def named_entities_column() -> Subquery:
    """The entities an article names as one column of a query over articles (read it with
    `entities_from`): the article page gets its «У цій новині» block with the article's own
    row instead of a query of its own."""
    return Subquery(_named(ArticleEntity.objects.filter(article=OuterRef("pk"))))


def entities_from(named: str | None) -> list[Entity]:
    """The block's entities from `named_entities_column`: the most mentioned first, then by
    name (code-point order, as the C.UTF-8 and SQLite collations compare), at most
    ARTICLE_ENTITIES."""
    rows = json.loads(named) if named else []
    rows.sort(key=lambda row: (-row[4], row[1]))
    return [hydrate(Entity, ENTITY_LINK_FIELDS, row[:4]) for row in rows[:ARTICLE_ENTITIES]]


def entities_of(article: Article) -> list[Entity]:
    """Accepted entities an article names, as `entities_from` orders them, in one query."""
    found = list(_named(ArticleEntity.objects.filter(article=article.pk)))
    return entities_from(found[0]["named"] if found else None)
