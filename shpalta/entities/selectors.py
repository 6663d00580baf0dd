"""Reads for entity pages and the article page's «У цій новині» block."""

from dataclasses import dataclass

from django.db.models import Count
from django.http import Http404

from shpalta.core.prepared import Prepared, hydrate
from shpalta.news.models import Article
from shpalta.news.selectors import ListPage, page_of, published_articles
from shpalta.news.selectors import _listing as card_listing

from .models import ArticleEntity, Entity, Kind
from .names import declined_name, phrase_in_case

RELATED_ENTITIES = 8
ARTICLE_ENTITIES = 12
ENTITY_LINK_FIELDS = ("id", "name", "slug", "kind")
ARTICLE_ENTITIES_QUERY = Prepared(
    lambda article_id: (
        Entity.objects.filter(article_links__article=article_id)
        .order_by("-article_links__mentions", "name")
        .values_list(*ENTITY_LINK_FIELDS)[:ARTICLE_ENTITIES]
    ),
    article_id=int,
)


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


def entities_of(article: Article) -> list[Entity]:
    """Accepted entities an article names, most mentioned first, in one query."""
    rows = ARTICLE_ENTITIES_QUERY.rows(article_id=article.pk)
    return [hydrate(Entity, ENTITY_LINK_FIELDS, row) for row in rows]
