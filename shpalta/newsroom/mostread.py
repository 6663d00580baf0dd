"""Most read: hourly sums of reads sent by the page itself (a beacon), so cached pages keep
being cached. Nothing about the reader is stored: no cookie, no IP, only +1 to an hour."""

from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from shpalta.news.models import Article

from .models import ArticleViewHour

WINDOW_HOURS = 24
MOST_READ_COUNT = 5
CACHE_KEY = "newsroom:most-read:v1"
CACHE_SECONDS = 60


def hour_of(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def window_start(now: datetime, hours: int = WINDOW_HOURS) -> datetime:
    """The current hour and the 23 before it: "the last 24 hours" in hourly buckets."""
    return hour_of(now) - timedelta(hours=hours - 1)


def article_view_count(*, article_id: int) -> None:
    """+1 for this hour. An UPDATE first: after the first read of the hour, one statement."""
    hour = hour_of(timezone.now())
    rows = ArticleViewHour.objects.filter(article_id=article_id, hour=hour)
    if rows.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            ArticleViewHour.objects.create(article_id=article_id, hour=hour, views=1)
    except IntegrityError:  # the first two reads of the hour raced; the row exists now
        rows.update(views=F("views") + 1)


def most_read(*, hours: int = WINDOW_HOURS, limit: int = MOST_READ_COUNT) -> list[dict]:
    """Two queries: the sums, then the articles. Only what is public now."""
    now = timezone.now()
    totals = list(
        ArticleViewHour.objects.filter(
            hour__gte=window_start(now, hours), article__in=Article.objects.published(now)
        )
        .values("article_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "-article_id")[:limit]
    )
    if not totals:
        return []
    articles = (
        Article.objects.select_related("section")
        .only("id", "slug", "headline", "section__name", "section__slug")
        .in_bulk([row["article_id"] for row in totals])
    )
    return [
        _item(articles[row["article_id"]], row["total"])
        for row in totals
        if row["article_id"] in articles
    ]


def _item(article: Article, total: int) -> dict:
    return {
        "id": article.pk,
        "headline": article.headline,
        "url": article.get_absolute_url(),
        "section": article.section.name,
        "views": total,
    }


def most_read_cached() -> list[dict]:
    return cache.get_or_set(CACHE_KEY, most_read, CACHE_SECONDS)


def views_since(since: datetime) -> Subquery:
    """For annotating article lists in the admin: reads since `since` (0 when none)."""
    sums = (
        ArticleViewHour.objects.filter(article_id=OuterRef("pk"), hour__gte=since)
        .values("article_id")
        .annotate(total=Sum("views"))
        .values("total")
    )
    return Coalesce(Subquery(sums), 0)
