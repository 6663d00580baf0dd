"""Reads for search: one function, `search_articles`, for the search page and the JSON API.

Whatever a reader types is turned into lemma terms by shpalta.ukrainian.morphology before
it goes near the database: only letters and digits survive, so FTS operators («NEAR(»,
quotes, *, -), SQL-looking text and broken bytes cannot reach the engine as syntax. The
number of queries is fixed: one for the matching ids (with the total), one for those
articles, one for their credited outlets.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.safestring import SafeString

from shpalta.news.models import Article, Source
from shpalta.ukrainian.dates import KYIV
from shpalta.ukrainian.morphology import query_terms

from . import snippets
from .backends import CANDIDATES, Filters, backend
from .text import html_to_text

# The header box allows 200 characters; a pasted paragraph is searched by its opening.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8
# OFFSET grows with the page; nobody reads page 50 of search results, and crawlers
# walking deep pages should not cost us full sorts.
MAX_PAGE = 50


class Notice:
    EMPTY = "empty"
    ONLY_STOP_WORDS = "only_stop_words"
    SHORTENED = "shortened"
    NOTHING_FOUND = "nothing_found"
    PAGE_OUT_OF_RANGE = "page_out_of_range"


MESSAGES = {
    Notice.EMPTY: "Введіть слово або кілька слів, щоб шукати серед новин.",
    Notice.ONLY_STOP_WORDS: (
        "Запит складається лише зі службових слів (прийменників, сполучників, часток). "
        "Додайте слово, яке стосується теми: ім’я, місто, подію."
    ),
    Notice.SHORTENED: "Запит задовгий, тож ми шукаємо за його першими {words} словами.",
    Notice.NOTHING_FOUND: "За цим запитом нічого не знайдено. Спробуйте інші слова.",
    Notice.PAGE_OUT_OF_RANGE: "Такої сторінки результатів немає.",
}


@dataclass(frozen=True)
class SearchHit:
    article: Article
    score: float
    headline_html: SafeString
    snippet_html: SafeString


@dataclass(frozen=True)
class SearchResults:
    query: str
    terms: list[tuple[str, ...]]
    hits: list[SearchHit]
    total: int
    page: int
    page_size: int
    notices: list[str] = field(default_factory=list)
    # False when the query matched more than CANDIDATES articles: `total` is then a lower
    # bound, and only the newest CANDIDATES were ranked.
    total_exact: bool = True

    @property
    def messages(self) -> list[str]:
        return [MESSAGES[n].format(words=MAX_QUERY_WORDS) for n in self.notices]

    @property
    def last_page(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.total // self.page_size)))

    @property
    def has_next(self) -> bool:
        return self.page < self.last_page

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def parse_query(query: str) -> tuple[list[tuple[str, ...]], list[str]]:
    """(term groups, notices) for what a reader typed."""
    text = (query or "").strip()
    if not text:
        return [], [Notice.EMPTY]
    notices = []
    groups = query_terms(_cut(text))
    if len(text) > MAX_QUERY_CHARS or len(groups) > MAX_QUERY_WORDS:
        groups = groups[:MAX_QUERY_WORDS]
        notices.append(Notice.SHORTENED)
    if not groups:
        notices.append(Notice.ONLY_STOP_WORDS)
    return groups, notices


def _cut(text: str) -> str:
    """The first MAX_QUERY_CHARS characters, without a word cut in half."""
    if len(text) <= MAX_QUERY_CHARS:
        return text
    cut = text[:MAX_QUERY_CHARS]
    if not text[MAX_QUERY_CHARS].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut


# Days at the calendar's ends cannot be converted to UTC; nothing was published outside
# these bounds, so a filter beyond them is clamped to them rather than refused.
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2100, 12, 31)


def day_start(day: date) -> datetime:
    """Midnight in Kyiv: date filters mean the reader's calendar days."""
    day = min(max(day, EARLIEST_DAY), LATEST_DAY)
    return datetime.combine(day, time.min, tzinfo=KYIV)


def search_articles(
    query: str,
    *,
    section: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    page: int = 1,
    page_size: int | None = None,
    now: datetime | None = None,
) -> SearchResults:
    """Published articles matching every meaningful word of `query` in any of its forms,
    best first (see shpalta.search.backends for the ranking). `section` is a section slug;
    `date_from`/`date_to` are inclusive Kyiv calendar days; `page` counts from 1."""
    page_size = page_size or settings.NEWS_PAGE_SIZE
    page = max(1, int(page))
    groups, notices = parse_query(query)
    empty = SearchResults(query, groups, [], 0, page, page_size, notices)
    if not groups:
        return empty
    if page > MAX_PAGE:
        return SearchResults(
            query, groups, [], 0, page, page_size, [*notices, Notice.PAGE_OUT_OF_RANGE]
        )
    filters = _filters(section, date_from, date_to, now)
    rows = backend().search(groups, filters, limit=page_size, offset=(page - 1) * page_size)
    if not rows:
        notice = Notice.PAGE_OUT_OF_RANGE if page > 1 else Notice.NOTHING_FOUND
        return SearchResults(query, groups, [], 0, page, page_size, [*notices, notice])
    hits = _hits(rows, groups)
    total = rows[0].total
    return SearchResults(
        query, groups, hits, min(total, CANDIDATES), page, page_size, notices,
        total_exact=total <= CANDIDATES,
    )  # fmt: skip


def _filters(section, date_from, date_to, now) -> Filters:
    return Filters(
        now=now or timezone.now(),
        section_slug=section or None,
        published_from=day_start(date_from) if date_from else None,
        published_before=(
            day_start(min(date_to, LATEST_DAY) + timedelta(days=1)) if date_to else None
        ),
    )


def ranked_article_ids(
    query: str,
    *,
    section: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 100,
    offset: int = 0,
    now: datetime | None = None,
) -> list[int]:
    """Only the ids, best first, in one query: for callers that render results their own
    way (the JSON API's id lists, the quality benchmark)."""
    groups, _ = parse_query(query)
    if not groups:
        return []
    filters = _filters(section, date_from, date_to, now)
    return [row.article_id for row in backend().search(groups, filters, limit=limit, offset=offset)]


def _hits(rows, groups) -> list[SearchHit]:
    articles = {
        a.pk: a
        for a in Article.objects.filter(pk__in=[row.article_id for row in rows])
        .select_related("section")
        .prefetch_related(Prefetch("sources", queryset=Source.objects.order_by("name")))
        .only(
            "id", "headline", "slug", "lede", "body", "teaser", "published_at", "updated_at",
            "status", "section__name", "section__slug", "image", "image_alt",
        )
    }  # fmt: skip
    hits = []
    for row in rows:
        article = articles.get(row.article_id)
        if article is None:  # deleted between the two queries
            continue
        hits.append(
            SearchHit(
                article=article,
                score=row.score,
                headline_html=snippets.highlight(article.headline, groups),
                snippet_html=snippets.snippet(_plain(article), groups),
            )
        )
    return hits


def _plain(article: Article) -> str:
    return f"{article.lede} {html_to_text(article.body)}".strip()
