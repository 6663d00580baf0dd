"""Reads for the API: each list is a fixed number of queries whatever its length."""

from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, Q, QuerySet
from ninja.errors import HttpError

from shpalta.feeds.selectors import newest
from shpalta.news.models import Article, Author, Section, Source, Tag
from shpalta.ukrainian.dates import KYIV

from . import pagination


def _with_relations(queryset: QuerySet, *, detail: bool = False) -> QuerySet:
    queryset = queryset.select_related("section").prefetch_related(
        Prefetch("authors", queryset=Author.objects.order_by("name")),
        Prefetch("tags", queryset=Tag.objects.order_by("name")),
    )
    if detail:
        queryset = queryset.select_related("rating").prefetch_related(
            Prefetch("sources", queryset=Source.objects.order_by("name"))
        )
    return queryset


def _slug_id(model, slug: str | None, label: str) -> int | None:
    if slug is None:
        return None
    found = model.objects.filter(slug=slug).values_list("id", flat=True).first()
    if found is None:
        raise HttpError(400, f"{label} з адресою «{slug}» немає.")
    return found


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=KYIV)


def _date_filter(date_from: date | None, date_to: date | None) -> Q:
    condition = Q()
    if date_from is not None:
        condition &= Q(published_at__gte=_start_of(date_from))
    if date_to is not None and date_to < date.max:
        condition &= Q(published_at__lt=_start_of(date_to + timedelta(days=1)))
    return condition


def articles_page(filters) -> tuple[list[Article], str | None]:
    """Published articles, newest first, one page after `filters.cursor`."""
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise HttpError(400, "date_from не може бути пізніше за date_to.")
    queryset = Article.objects.published().newest_first()
    related = {
        "section_id": _slug_id(Section, filters.section, "Розділу"),
        "tags": _slug_id(Tag, filters.tag, "Тегу"),
        "authors": _slug_id(Author, filters.author, "Автора"),
    }
    queryset = queryset.filter(**{key: value for key, value in related.items() if value})
    queryset = queryset.filter(_date_filter(filters.date_from, filters.date_to))
    if filters.cursor:
        moment, last_id = pagination.decode_article_cursor(filters.cursor)
        queryset = queryset.filter(
            Q(published_at__lt=moment) | Q(published_at=moment, id__lt=last_id)
        )
    rows = list(_with_relations(newest(queryset, filters.limit + 1)))
    if len(rows) <= filters.limit:
        return rows, None
    last = rows[filters.limit - 1]
    return rows[: filters.limit], pagination.encode([last.published_at.isoformat(), last.pk])


def public_article(article_id: int) -> Article:
    article = _with_relations(Article.objects.published(), detail=True).filter(pk=article_id)
    found = article.first()
    if found is None:
        raise HttpError(404, "Такої статті немає, або вона ще не опублікована.")
    return found


def public_article_by_slug(slug: str) -> Article:
    found = _with_relations(Article.objects.published(), detail=True).filter(slug=slug).first()
    if found is None:
        raise HttpError(404, "Такої статті немає, або вона ще не опублікована.")
    return found


def any_article(article_id: int) -> Article:
    """For editors: drafts and scheduled articles too."""
    found = _with_relations(Article.objects.all(), detail=True).filter(pk=article_id).first()
    if found is None:
        raise HttpError(404, "Статті з таким id немає.")
    return found


def slug_page(queryset: QuerySet, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """Tags or authors in slug order (slugs are unique, so the order is total)."""
    queryset = queryset.order_by("slug")
    if cursor:
        queryset = queryset.filter(slug__gt=pagination.decode_slug_cursor(cursor))
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    return rows[:limit], pagination.encode([rows[limit - 1].slug])


def by_slug(model, slug: str, message: str):
    found = model.objects.filter(slug=slug).first()
    if found is None:
        raise HttpError(404, message)
    return found
