"""Reads for the public pages. Each returns everything its page needs in a fixed number of
queries, whatever the size of the archive."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from shpalta.images.models import CARD_FIELDS

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


def article_by_slug(slug: str, *, include_unpublished: bool = False) -> Article:
    base = Article.objects.all() if include_unpublished else Article.objects.published()
    queryset = base.select_related("section", "rating", "lead_image").prefetch_related(
        Prefetch("authors", queryset=Author.objects.order_by("name")),
        Prefetch("tags", queryset=Tag.objects.order_by("name")),
        Prefetch("sources", queryset=Source.objects.order_by("name")),
    )
    article = queryset.filter(slug=slug).first()
    if article is None:
        raise Http404("Статтю не знайдено")
    return article


def redirect_target(old_slug: str) -> Article | None:
    """The published article that used to answer at `old_slug`, for a 301."""
    redirect = (
        SlugRedirect.objects.filter(old_slug=old_slug, article__in=Article.objects.published())
        .select_related("article")
        .first()
    )
    return redirect.article if redirect else None


def other_news_for(article: Article, *, count: int | None = None) -> list[Article]:
    """«Інші новини»: the list the entities app stored when this story or one near it was
    published or edited (most related first, topped up with the latest of that moment),
    read through published() so nothing unpublished since shows. Two queries; the latest
    stories only for an archive not yet profiled (`shpalta relink_entities`)."""
    count = count or settings.OTHER_NEWS_COUNT
    stored = published_articles().filter(related_to__article=article).order_by("related_to__rank")
    rows = list(_listing(stored)[:count])
    if not rows:
        rows = list(_listing(published_articles().exclude(pk=article.pk))[:count])
    return rows


def article_page(slug: str, *, include_unpublished: bool = False) -> ArticlePage:
    article = article_by_slug(slug, include_unpublished=include_unpublished)
    return ArticlePage(article=article, other_news=other_news_for(article))


@dataclass
class FrontPage:
    top_story: Article | None
    latest: list[Article]
    section_blocks: list[tuple[Section, list[Article]]]
    pinned: list[Article] = field(default_factory=list)


def featured_articles(queryset: QuerySet) -> tuple[Article | None, list[Article]]:
    """The top story (the newest marked one) and the pinned stories, in one query. The ids
    come first, each from its small partial index (article_top_pub, article_pinned_pub),
    so the cost does not grow with the archive; the join comes after."""
    top_id = queryset.filter(is_top_story=True).values("pk")[:1]
    pinned_ids = queryset.filter(is_pinned=True).values("pk")[: PINNED_COUNT + 1]
    rows = list(
        _listing(Article.objects.filter(Q(pk__in=top_id) | Q(pk__in=pinned_ids))).newest_first()
    )
    top = next((row for row in rows if row.is_top_story), None)
    pinned = [row for row in rows if row.is_pinned and row is not top][:PINNED_COUNT]
    return top, pinned


def front_page() -> FrontPage:
    top, pinned = featured_articles(published_articles())
    shown = [item.pk for item in ([top] if top else []) + pinned]
    latest = list(_listing(published_articles().exclude(pk__in=shown))[:FRONT_LATEST_COUNT])
    return FrontPage(top_story=top, latest=latest, section_blocks=_section_blocks(), pinned=pinned)


def _section_blocks() -> list[tuple[Section, list[Article]]]:
    """The newest few of every section in one query: per section a LIMITed subquery that
    walks its (section, published_at) index, so the cost does not grow with the archive
    (a window over all published stories took 2.9 s at 100,000 articles)."""
    sections = nav_sections()
    per_section = [
        published_articles().filter(section=section).values("pk")[:SECTION_BLOCK_SIZE]
        for section in sections
    ]
    if not per_section:
        return []
    if connection.features.supports_slicing_ordering_in_compound:
        newest = Q(pk__in=per_section[0].union(*per_section[1:], all=True))
    else:  # SQLite: no LIMIT inside UNION, but it reads each IN (subquery) off its index
        newest = Q()
        for ids in per_section:
            newest |= Q(pk__in=ids)
    by_section: dict[int, list[Article]] = {}
    for row in _listing(published_articles().filter(newest)):
        by_section.setdefault(row.section_id, []).append(row)
    return [(section, by_section[section.pk]) for section in sections if section.pk in by_section]


def nav_sections() -> list[Section]:
    return list(Section.objects.only("id", "name", "slug", "position"))


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
