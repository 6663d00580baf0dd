"""Reads for the public pages. Each returns everything its page needs in a fixed number of
queries, whatever the size of the archive."""

import functools
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import connection
from django.db.models import Model, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from shpalta.core.prepared import IdList, Prepared, hydrate
from shpalta.images.models import CARD_FIELDS, Image
from shpalta.ratings.models import ArticleRating

from .models import Article, Author, Section, SlugRedirect, Source, Tag

IMAGE_CARD_FIELDS = [f"lead_image__{name}" for name in CARD_FIELDS]

SECTION_BLOCK_SIZE = 4
FRONT_LATEST_COUNT = 12
PINNED_COUNT = 3  # pinned stories shown above the latest, on the front page and in a section


def _listing(queryset: QuerySet) -> QuerySet:
    """Articles as lists show them: headline, section, credited outlets, lede for teasers."""
    return (
        queryset.select_related("section", "lead_image")
        .prefetch_related(Prefetch("sources", queryset=Source.objects.order_by("name")))
        .only(
            "id", "headline", "slug", "lede", "teaser", "published_at", "updated_at", "status",
            "is_top_story", "is_pinned", "section__name", "section__slug", "image", "image_alt",
            *IMAGE_CARD_FIELDS,
        )
    )  # fmt: skip


def published_articles() -> QuerySet:
    return Article.objects.published().newest_first()


@dataclass
class ArticlePage:
    article: Article
    other_news: list[Article]


# -- the article page: prepared queries (shpalta.core.prepared), hydrated into models -----

ARTICLE_FIELDS = (
    "id", "headline", "slug", "lede", "body", "teaser", "status", "published_at",
    "updated_at", "revised_at", "correction", "image", "image_alt", "image_credit",
    "image_url", "is_top_story", "is_pinned", "section_id", "lead_image_id",
)  # fmt: skip
CARD_ARTICLE_FIELDS = (
    "id", "headline", "slug", "lede", "teaser", "status", "published_at", "updated_at",
    "is_top_story", "is_pinned", "image", "image_alt", "section_id", "lead_image_id",
)  # fmt: skip
SECTION_FIELDS = NAMED_FIELDS = ("id", "name", "slug")
PAGE_IMAGE_FIELDS = ("id", *CARD_FIELDS, "credit", "source")


def _joined(prefix: str, names) -> list[str]:
    return [f"{prefix}__{name}" for name in names]


def _article_query(*, public: bool, fields=ARTICLE_FIELDS) -> Prepared:
    image_fields = PAGE_IMAGE_FIELDS if fields is ARTICLE_FIELDS else ("id", *CARD_FIELDS)

    def build(slug, now=None):
        base = Article.objects.published(now) if public else Article.objects.all()
        return base.filter(slug=slug).values_list(
            *fields, *_joined("section", SECTION_FIELDS), "rating__votes_count",
            "rating__stars_total", *_joined("lead_image", image_fields),
        )  # fmt: skip

    return Prepared(build, slug=str, now=datetime) if public else Prepared(build, slug=str)


PUBLIC_ARTICLE = _article_query(public=True)
ANY_ARTICLE = _article_query(public=False)


def other_news_stories(article_id, now, *, stored: bool) -> QuerySet:
    """Which stories «Інші новини» shows: the stored list in its order, or, for an archive
    not yet profiled, the latest stories."""
    base = Article.objects.published(now)
    if stored:
        return base.filter(related_to__article=article_id).order_by("related_to__rank")
    return base.exclude(pk=article_id).newest_first()


def _other_news_query(*, stored: bool) -> Prepared:
    count = settings.OTHER_NEWS_COUNT

    def build(article_id, now):
        return other_news_stories(article_id, now, stored=stored).values_list(
            *CARD_ARTICLE_FIELDS, *_joined("section", SECTION_FIELDS),
            *_joined("lead_image", ("id", *CARD_FIELDS)),
        )[:count]  # fmt: skip

    return Prepared(build, article_id=int, now=datetime)


STORED_OTHER_NEWS = _other_news_query(stored=True)
LATEST_OTHER_NEWS = _other_news_query(stored=False)
# The people, tags and outlets of the article, and the outlets of the stories it lists.
ARTICLE_AUTHORS = Prepared(
    lambda article_id: (
        Author.objects.filter(articles=article_id)
        .order_by("name")
        .values_list("id", "name", "slug")
    ),
    article_id=int,
)
ARTICLE_TAGS = Prepared(
    lambda article_id: (
        Tag.objects.filter(articles=article_id).order_by("name").values_list("id", "name", "slug")
    ),
    article_id=int,
)
SOURCES_OF = Prepared(
    lambda ids: (
        Source.objects.filter(articles__in=ids)
        .order_by("name", "id")
        .values_list("articles", "id", "name", "url")
    ),
    ids=IdList(1 + settings.OTHER_NEWS_COUNT),
)


def _article_from_row(row, fields) -> Article:
    """An Article with its section, rating and photo from one row of the queries above."""
    width = len(fields)
    article = hydrate(Article, fields, row[:width])
    rest = row[width:]
    article.section = hydrate(Section, SECTION_FIELDS, rest[:3])
    rest = rest[3:]
    if fields is ARTICLE_FIELDS:
        votes_count, stars_total, *rest = rest
        rating = None
        if votes_count is not None:
            rating = ArticleRating(article_id=article.pk, votes_count=votes_count,
                                   stars_total=stars_total)  # fmt: skip
        # Cached even when None, so `article.rating` never asks the database again.
        Article.rating.related.set_cached_value(article, rating)
    image_fields = PAGE_IMAGE_FIELDS if fields is ARTICLE_FIELDS else ("id", *CARD_FIELDS)
    article.lead_image = hydrate(Image, image_fields, rest) if rest[0] is not None else None
    return article


def _set_prefetched(instance, name: str, objects: list) -> None:
    """What prefetch_related leaves behind: `instance.<name>.all()` answers from `objects`."""
    queryset = QuerySet(model=type(objects[0]) if objects else Model)
    queryset._result_cache = objects
    queryset._prefetch_done = True
    instance._prefetched_objects_cache[name] = queryset


def _prefetched_models(instance, name: str, model, rows) -> None:
    _set_prefetched(instance, name, [hydrate(model, NAMED_FIELDS, row) for row in rows])


def article_by_slug(slug: str, *, include_unpublished: bool = False) -> Article:
    query = ANY_ARTICLE if include_unpublished else PUBLIC_ARTICLE
    rows = query.rows(slug=slug, now=timezone.now())
    if not rows:
        raise Http404("Статтю не знайдено")
    article = _article_from_row(rows[0], ARTICLE_FIELDS)
    article._prefetched_objects_cache = {}
    _prefetched_models(article, "authors", Author, ARTICLE_AUTHORS.rows(article_id=article.pk))
    _prefetched_models(article, "tags", Tag, ARTICLE_TAGS.rows(article_id=article.pk))
    return article


def redirect_target(old_slug: str) -> Article | None:
    """The published article that used to answer at `old_slug`, for a 301."""
    redirect = (
        SlugRedirect.objects.filter(old_slug=old_slug, article__in=Article.objects.published())
        .select_related("article")
        .first()
    )
    return redirect.article if redirect else None


def other_news_for(article: Article) -> list[Article]:
    """«Інші новини»: the list the entities app stored when this story or one near it was
    published or edited (most related first, topped up with the latest of that moment),
    read through published() so nothing unpublished since shows. The latest stories only
    for an archive not yet profiled (`shpalta relink_entities`)."""
    now = timezone.now()
    rows = STORED_OTHER_NEWS.rows(article_id=article.pk, now=now)
    if not rows:
        rows = LATEST_OTHER_NEWS.rows(article_id=article.pk, now=now)
    return [_article_from_row(row, CARD_ARTICLE_FIELDS) for row in rows]


@functools.cache
def _sources_query(slots: int) -> Prepared:
    return Prepared(
        lambda ids: (
            Source.objects.filter(articles__in=ids)
            .order_by("name", "id")
            .values_list("articles", "id", "name", "url")
        ),
        ids=IdList(slots),
    )


def _attach_sources(articles: list[Article]) -> None:
    """The credited outlets of all these articles in one query (one compiled query per
    power-of-two number of ids, padded with an id no row has)."""
    ids = [article.pk for article in articles]
    slots = max(8, 1 << (len(ids) - 1).bit_length())
    padded = ids + [IdList.NONE] * (slots - len(ids))
    by_article: dict[int, list[Source]] = {pk: [] for pk in ids}
    for article_id, *values in _sources_query(slots).rows(ids=padded):
        by_article[article_id].append(hydrate(Source, ("id", "name", "url"), values))
    for article in articles:
        if not hasattr(article, "_prefetched_objects_cache"):
            article._prefetched_objects_cache = {}
        _set_prefetched(article, "sources", by_article[article.pk])


def article_page(slug: str, *, include_unpublished: bool = False) -> ArticlePage:
    """Five queries, each compiled once per process: the article with its section, rating
    and photo; its authors; its tags; «Інші новини»; the outlets of all of them."""
    article = article_by_slug(slug, include_unpublished=include_unpublished)
    other_news = other_news_for(article)
    _attach_sources([article, *other_news])
    return ArticlePage(article=article, other_news=other_news)


@dataclass
class FrontPage:
    top_story: Article | None
    latest: list[Article]
    section_blocks: list[tuple[Section, list[Article]]]
    pinned: list[Article] = field(default_factory=list)


def _pk_in_any(*id_querysets: QuerySet) -> Q:
    """Rows whose id any of the LIMITed id queries gives. PostgreSQL gets a UNION ALL: an
    OR of two IN (subquery) turned into a scan of the whole table there (1 s at 1,000,000
    articles). SQLite allows no LIMIT inside a UNION but reads each IN off its index."""
    if connection.features.supports_slicing_ordering_in_compound:
        return Q(pk__in=id_querysets[0].union(*id_querysets[1:], all=True))
    wanted = Q()
    for ids in id_querysets:
        wanted |= Q(pk__in=ids)
    return wanted


def featured_articles(queryset: QuerySet) -> tuple[Article | None, list[Article]]:
    """The top story (the newest marked one) and the pinned stories, in one query. The ids
    come first, each from its small partial index (article_top_pub, article_pinned_pub),
    so the cost does not grow with the archive; the join comes after."""
    top_id = queryset.filter(is_top_story=True).values("pk")[:1]
    pinned_ids = queryset.filter(is_pinned=True).values("pk")[: PINNED_COUNT + 1]
    rows = list(_listing(Article.objects.filter(_pk_in_any(top_id, pinned_ids))).newest_first())
    top = next((row for row in rows if row.is_top_story), None)
    pinned = [row for row in rows if row.is_pinned and row is not top][:PINNED_COUNT]
    return top, pinned


CARD_COLUMNS = (
    *CARD_ARTICLE_FIELDS,
    *_joined("section", SECTION_FIELDS),
    *_joined("lead_image", ("id", *CARD_FIELDS)),
)


def _cards(rows) -> list[Article]:
    return [_article_from_row(row, CARD_ARTICLE_FIELDS) for row in rows]


def _front_featured(now):
    public = Article.objects.published(now)
    top_id = public.filter(is_top_story=True).newest_first().values("pk")[:1]
    pinned_ids = public.filter(is_pinned=True).newest_first().values("pk")[: PINNED_COUNT + 1]
    wanted = _pk_in_any(top_id, pinned_ids)
    return Article.objects.filter(wanted).newest_first().values_list(*CARD_COLUMNS)


FRONT_FEATURED = Prepared(_front_featured, now=datetime)
FRONT_LATEST = Prepared(
    lambda now, shown: (
        Article.objects.published(now)
        .exclude(pk__in=shown)
        .newest_first()
        .values_list(*CARD_COLUMNS)[:FRONT_LATEST_COUNT]
    ),
    now=datetime,
    shown=IdList(PINNED_COUNT + 1),
)


def front_page() -> FrontPage:
    """Four queries, each compiled once per process: top and pinned stories, the latest,
    the newest of every section, the outlets of all of them (and the menu's sections)."""
    now = timezone.now()
    featured = _cards(FRONT_FEATURED.rows(now=now))
    top = next((row for row in featured if row.is_top_story), None)
    pinned = [row for row in featured if row.is_pinned and row is not top][:PINNED_COUNT]
    shown = [item.pk for item in ([top] if top else []) + pinned]
    padded = shown + [IdList.NONE] * (PINNED_COUNT + 1 - len(shown))
    latest = _cards(FRONT_LATEST.rows(now=now, shown=padded))
    blocks = _section_blocks(now)
    _attach_sources([*featured, *latest, *(item for _s, items in blocks for item in items)])
    return FrontPage(top_story=top, latest=latest, section_blocks=blocks, pinned=pinned)


@functools.cache
def _section_blocks_query(count: int) -> Prepared:
    """The newest few of each of `count` sections in one query: per section a LIMITed
    subquery that walks its (section, published_at) index, so the cost does not grow with
    the archive (a window over all published stories took 2.9 s at 100,000 articles)."""

    def build(now, sections):
        public = Article.objects.published(now).newest_first()
        per_section = [
            public.filter(section=section).values("pk")[:SECTION_BLOCK_SIZE] for section in sections
        ]
        newest = _pk_in_any(*per_section)
        return Article.objects.filter(newest).newest_first().values_list(*CARD_COLUMNS)

    return Prepared(build, now=datetime, sections=IdList(count))


def _section_blocks(now) -> list[tuple[Section, list[Article]]]:
    sections = nav_sections()
    if not sections:
        return []
    query = _section_blocks_query(len(sections))
    by_section: dict[int, list[Article]] = {}
    for row in _cards(query.rows(now=now, sections=[section.pk for section in sections])):
        by_section.setdefault(row.section_id, []).append(row)
    return [(section, by_section[section.pk]) for section in sections if section.pk in by_section]


NAV_SECTIONS = Prepared(lambda: Section.objects.values_list(*NAMED_FIELDS))


def nav_sections() -> list[Section]:
    """Every section in menu order (the model's ordering), on every public page."""
    return [hydrate(Section, NAMED_FIELDS, row) for row in NAV_SECTIONS.rows()]


@dataclass
class ListPage:
    """One page of a list, without a COUNT(*) over the archive: we fetch one row more than
    we show to know whether there is a next page."""

    items: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


def page_of(queryset: QuerySet, number: int, *, size: int | None = None) -> ListPage:
    size = size or settings.NEWS_PAGE_SIZE
    offset = (number - 1) * size
    rows = list(queryset[offset : offset + size + 1])
    if number > 1 and not rows:
        raise Http404("Такої сторінки немає")
    return ListPage(items=rows[:size], number=number, has_next=len(rows) > size)


def section_featured(section: Section) -> list[Article]:
    """The section's own top story, then its pinned stories: first on every section page's
    first page, and left out of the list below on every page so pagination never repeats."""
    top, pinned = featured_articles(published_articles().filter(section=section))
    return ([top] if top else []) + pinned


def section_articles(section: Section, number: int, *, exclude=()) -> ListPage:
    queryset = published_articles().filter(section=section).exclude(pk__in=list(exclude))
    return page_of(_listing(queryset), number)


def tag_articles(tag: Tag, number: int) -> ListPage:
    return page_of(_listing(published_articles().filter(tags=tag)), number)


def author_articles(author: Author, number: int) -> ListPage:
    return page_of(_listing(published_articles().filter(authors=author)), number)


def markup_batch(ids: list[int]) -> list[Article]:
    """Articles loaded for rendering their stored markup (shpalta.news.fragments) in bulk:
    what the article page and its card show, in five queries for the whole batch."""
    return list(
        Article.objects.filter(pk__in=ids)
        .select_related("section", "lead_image")
        .prefetch_related(
            Prefetch("authors", queryset=Author.objects.order_by("name")),
            Prefetch("tags", queryset=Tag.objects.order_by("name")),
            Prefetch("sources", queryset=Source.objects.order_by("name", "id")),
        )
        .order_by("pk")
    )
