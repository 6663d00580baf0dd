"""Reads for feeds and sitemaps. Each returns what its document needs in a fixed number of
queries, whatever the size of the archive; only published articles ever come out."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.db.models.functions import Greatest, TruncMonth
from django.utils import timezone

from shpalta.news.models import Article, Author, Section, Tag
from shpalta.ukrainian.dates import KYIV


def _public() -> QuerySet:
    return Article.objects.published()


def newest(queryset: QuerySet, limit: int) -> QuerySet:
    """The newest `limit` rows of `queryset`, chosen by id in a subquery: sorting only
    (published_at, id) pairs is fast, while sorting whole rows (bodies included) to pick the
    top few took SQLite half a second on a 60,000-article archive."""
    ids = queryset.newest_first().values("id")[:limit]
    return Article.objects.filter(pk__in=ids).newest_first()


def feed_articles(*, filters: dict | None = None, limit: int | None = None) -> list[Article]:
    """The newest published articles, with everything a feed item shows, in 3 queries."""
    queryset = newest(_public().filter(**(filters or {})), limit or settings.FEEDS_ITEMS)
    queryset = queryset.select_related("section").prefetch_related(
        Prefetch("authors", queryset=Author.objects.order_by("name")),
        Prefetch("tags", queryset=Tag.objects.order_by("name")),
    )
    return list(queryset)


def article_months() -> list[tuple[datetime, int, datetime]]:
    """(Kyiv month, article count, last change) for every month with published articles, in
    one GROUP BY: old months rarely change, so crawlers can skip their files."""
    rows = (
        _public()
        .annotate(month=TruncMonth("published_at", tzinfo=KYIV))
        .values("month")
        .annotate(n=Count("id"), last=Max("updated_at"), last_pub=Max("published_at"))
        .order_by("month")
    )
    return [(row["month"], row["n"], later(row["last"], row["last_pub"])) for row in rows]


def _month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1, tzinfo=KYIV)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=KYIV)
    return start, end


def month_articles(year: int, month: int, page: int) -> list[tuple[str, datetime]]:
    """One file of a month's articles: slug and last change, oldest first so that the
    earlier files of a long month stay the same as the month fills up."""
    limit = settings.SITEMAP_LIMIT
    start, end = _month_bounds(year, month)
    rows = (
        _public()
        .filter(published_at__gte=start, published_at__lt=end)
        .order_by("published_at", "id")
        .annotate(lastmod=Greatest("updated_at", "published_at"))
        .values_list("slug", "lastmod")
    )
    return list(rows[(page - 1) * limit : page * limit])


def _public_q(prefix: str, now: datetime) -> Q:
    return Q(
        **{
            f"{prefix}__status__in": [Article.Status.PUBLISHED, Article.Status.SCHEDULED],
            f"{prefix}__published_at__lte": now,
        }
    )


def _sections() -> QuerySet:
    """Every section (its page exists even when empty), with its newest public change."""
    public = _public_q("articles", timezone.now())
    return Section.objects.annotate(
        last=Max("articles__updated_at", filter=public),
        last_pub=Max("articles__published_at", filter=public),
    ).order_by("position", "id")


def sections_slice(start: int, stop: int) -> list[Section]:
    return list(_sections().only("id", "slug")[start:stop])


def _last_change(queryset: QuerySet) -> datetime | None:
    summary = queryset.aggregate(last=Max("updated_at"), last_pub=Max("published_at"))
    return later(summary["last"], summary["last_pub"])


def sections_summary() -> tuple[int, datetime | None]:
    """How many sections, and the newest public change in any of them."""
    return Section.objects.count(), _last_change(_public())


def _authors_with_articles() -> QuerySet:
    now = timezone.now()
    public = _public_q("articles", now)
    return (
        Author.objects.annotate(
            last=Max("articles__updated_at", filter=public),
            last_pub=Max("articles__published_at", filter=public),
        )
        .filter(last__isnull=False)
        .order_by("id")
    )


def authors_page(page: int) -> list[Author]:
    """Authors with at least one public article: an empty author page is thin content."""
    limit = settings.SITEMAP_LIMIT
    return list(_authors_with_articles().only("id", "slug")[(page - 1) * limit : page * limit])


def authors_summary() -> tuple[int, datetime | None]:
    """How many authors have public articles, and the newest public change credited to one."""
    credited = _public().filter(authors__isnull=False)
    count = Author.objects.filter(articles__in=_public()).distinct().count()
    return count, _last_change(credited)


def news_window_start() -> datetime:
    return timezone.now() - timedelta(days=settings.NEWS_SITEMAP_DAYS)


def news_articles(page: int) -> list[Article]:
    """Google News: only what was published in the last two days, newest first."""
    limit = settings.NEWS_SITEMAP_LIMIT
    rows = (
        _public()
        .filter(published_at__gte=news_window_start())
        .newest_first()
        .only("id", "slug", "headline", "published_at", "updated_at")
    )
    return list(rows[(page - 1) * limit : page * limit])


def news_summary() -> tuple[int, datetime | None]:
    summary = (
        _public()
        .filter(published_at__gte=news_window_start())
        .aggregate(n=Count("id"), last=Max("updated_at"), last_pub=Max("published_at"))
    )
    return summary["n"], later(summary["last"], summary["last_pub"])


def later(*moments) -> datetime | None:
    return max(filter(None, moments), default=None)
