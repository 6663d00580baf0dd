"""The article page from stored markup (shpalta.news.fragments): two queries in the usual
case, whatever the archive's size. The first gives the article's stored parts with what
they are checked against (its updated_at and the render epoch), its rating and the
entities it names; the second gives «Інші новини» as the stored cards of the stories
listed. Parts that are missing or stale are rendered from the full selectors and stored,
once."""

import functools
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from markupsafe import Markup, escape

from shpalta.core.prepared import Prepared
from shpalta.entities.models import Entity
from shpalta.entities.selectors import entities_from, entities_of, named_entities_column
from shpalta.ratings.models import ArticleRating
from shpalta.ratings.selectors import summary_from

from . import fragments, selectors
from .models import Article, RenderEpoch
from .selectors import _attach_sources, _listing, article_by_slug, other_news_stories

PREVIEW_BANNER = (
    '<p class="preview-banner" role="status">Попередній перегляд: стаття ще не опублікована.</p>'
)
SLOTS = ("TITLE_SLOT", "META_SLOT", "ARTICLE_SLOT", "CARDS_SLOT")


@dataclass
class StoredArticlePage:
    pk: int
    headline: str
    parts: fragments.PageParts
    rating_label: str
    cards: list[Markup]
    other_news_ids: list[int]
    entities: list[Entity]
    epoch: int | None = None

    def html(self, request, *, preview: bool = False) -> str:
        """The whole page: the shell's pieces and the parts between them."""
        title, meta, article, cards, end = _shell(self.epoch, fragments.rendering_version())
        parts = self.parts
        entities = render_to_string("entities/article_block.html", {"article": self}, request)
        return "".join((
            title, str(escape(self.headline)), meta, parts.head, article,
            PREVIEW_BANNER if preview else "", parts.top, entities, parts.rating_top,
            str(escape(self.rating_label)), parts.rating_end, cards, *self.cards, end,
        ))  # fmt: skip


@functools.lru_cache(maxsize=8)
def _shell(epoch: int | None, version: str) -> tuple[str, ...]:
    """The page around the article (menu, header, footer), cut at its slots. Rendered once
    per process and render epoch: an edit of a section (the menu) bumps the epoch."""
    markers = {name: Markup(f"<!--shpalta:{name}-->") for name in SLOTS}
    html = render_to_string("news/article.html", markers)
    pieces = []
    for marker in markers.values():
        before, found, html = html.partition(marker)
        assert found, f"news/article.html lost its slot {marker}"
        pieces.append(before)
    return (*pieces, html)


EPOCH = Subquery(RenderEpoch.objects.filter(pk=1).values("value")[:1])
ARTICLE_FIELDS = ("id", "headline", "updated_at", "epoch", "has_list", "named",
                  "rating__votes_count", "rating__stars_total")  # fmt: skip
PAGE_PART_FIELDS = ("fragment__stamp", "fragment__head", "fragment__top",
                    "fragment__rating_top", "fragment__rating_end")  # fmt: skip
CARD_FIELDS = ("id", "updated_at", "epoch", "fragment__card_stamp", "fragment__card")


def _public_article_query() -> Prepared:
    def build(slug, now):
        # Whether «Інші новини» has a stored list: an archive not yet profiled shows the
        # latest stories, and the query for a list it does not have is saved.
        stored_list = Article.related_links.rel.related_model.objects.filter(article=OuterRef("pk"))
        return (
            Article.objects.published(now)
            .filter(slug=slug)
            .annotate(epoch=EPOCH, has_list=Exists(stored_list), named=named_entities_column())
            .values_list(*ARTICLE_FIELDS, *PAGE_PART_FIELDS)
        )

    return Prepared(build, slug=str, now=datetime)


def _cards_query(*, stored: bool) -> Prepared:
    count = settings.OTHER_NEWS_COUNT

    def build(article_id, now):
        stories = other_news_stories(article_id, now, stored=stored)
        return stories.annotate(epoch=EPOCH).values_list(*CARD_FIELDS)[:count]

    return Prepared(build, article_id=int, now=datetime)


PUBLIC_ARTICLE = _public_article_query()
STORED_CARDS = _cards_query(stored=True)
LATEST_CARDS = _cards_query(stored=False)


def stored_article_page(slug: str) -> StoredArticlePage:
    now = timezone.now()
    rows = PUBLIC_ARTICLE.rows(slug=slug, now=now)
    if not rows:
        raise Http404("Статтю не знайдено")
    pk, headline, updated_at, epoch, has_list, named, votes_count, stars_total, *stored = rows[0]
    stamp = fragments.stamp_for(epoch, updated_at)
    if stored[0] == stamp:
        parts = fragments.PageParts(*(Markup(part) for part in stored[1:]))
    else:
        parts = _render_page_parts(slug, pk, stamp)
    cards, ids = other_news_cards(pk, now, has_list=has_list)
    rating = None
    if votes_count is not None:
        rating = ArticleRating(article_id=pk, votes_count=votes_count, stars_total=stars_total)
    label = summary_from(rating).label
    entities = entities_from(named)
    return StoredArticlePage(pk, headline, parts, label, cards, ids, entities, epoch)


def _render_page_parts(slug: str, pk: int, stamp: str) -> fragments.PageParts:
    article = article_by_slug(slug)
    _attach_sources([article])
    parts = fragments.page_parts_render(article)
    fragments.page_parts_store(article_id=pk, stamp=stamp, parts=parts)
    return parts


def other_news_cards(
    article_id: int, now: datetime, *, has_list: bool
) -> tuple[list[Markup], list[int]]:
    """«Інші новини» (selectors.other_news_stories says which stories) as stored cards."""
    rows = STORED_CARDS.rows(article_id=article_id, now=now) if has_list else []
    if not rows:
        rows = LATEST_CARDS.rows(article_id=article_id, now=now)
    cards: dict[int, Markup] = {}
    stale: dict[int, str] = {}
    for pk, updated_at, epoch, card_stamp, card in rows:
        stamp = fragments.stamp_for(epoch, updated_at)
        if card_stamp == stamp:
            cards[pk] = Markup(card)
        else:
            stale[pk] = stamp
    if stale:
        cards |= _render_cards(stale)
    ids = [row[0] for row in rows]
    return [cards[pk] for pk in ids if pk in cards], ids


def _render_cards(stamps: dict[int, str]) -> dict[int, Markup]:
    articles = list(_listing(Article.objects.filter(pk__in=list(stamps))))
    rendered = {article.pk: fragments.card_render(article) for article in articles}
    fragments.cards_store({pk: (stamps[pk], card) for pk, card in rendered.items()})
    return rendered


def preview_page(pk: int) -> StoredArticlePage:
    """An editor's preview: rendered now from the full selectors, stored nowhere."""
    slug = Article.objects.filter(pk=pk).values_list("slug", flat=True).first()
    if slug is None:
        raise Http404("Статтю не знайдено")
    page = selectors.article_page(slug, include_unpublished=True)
    article = page.article
    parts = fragments.page_parts_render(article, preview=True)
    cards = [fragments.card_render(item) for item in page.other_news]
    label = summary_from(getattr(article, "rating", None)).label
    ids = [item.pk for item in page.other_news]
    epoch = RenderEpoch.objects.filter(pk=1).values_list("value", flat=True).first()
    entities = entities_of(article)
    return StoredArticlePage(
        article.pk, article.headline, parts, label, cards, ids, entities, epoch
    )
