"""Reads for entity pages and the article page's «Про кого й що» block."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.http import Http404

from shpalta.news.models import Article, Source
from shpalta.news.selectors import ListPage, page_of, published_articles

from .models import ArticleEntity, Entity, Kind
from .names import declined_name, phrase_in_case

RELATED_ENTITIES = 8
ARTICLE_ENTITIES = 12


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
    articles = (
        published_articles()
        .filter(entity_links__entity=entity)
        .select_related("section")
        .prefetch_related(Prefetch("sources", queryset=Source.objects.order_by("name")))
        .only(
            "id", "headline", "slug", "lede", "teaser", "published_at", "updated_at", "status",
            "section__name", "section__slug", "image", "image_alt",
        )
    )  # fmt: skip
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
    return list(
        Entity.objects.filter(article_links__article=article)
        .order_by("-article_links__mentions", "name")
        .only("id", "name", "slug", "kind")[:ARTICLE_ENTITIES]
    )
