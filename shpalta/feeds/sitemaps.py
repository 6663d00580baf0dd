"""Sitemaps by the protocol (sitemaps.org 0.9) and a Google News sitemap.

Articles are split by Kyiv month (a month that no longer changes keeps its file, so crawlers
can skip it) and every file is split again at SITEMAP_LIMIT URLs (the protocol's 50,000).
Page 1 of a file has the plain address, page n > 1 ends in "-n". The index lists only files
that have URLs, since the protocol does not allow an empty urlset.
"""

import math
from datetime import datetime
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from . import selectors
from .links import absolute, iso_kyiv

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n'
SLUG_MARK = "slug-mark"
MAX_PAGE = 10_000  # 500 million URLs a kind; past it a page number is only an overflow


def _xml_response(body: str, max_age: int) -> HttpResponse:
    response = HttpResponse(PROLOG + body, content_type="application/xml; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


def _lastmod(moment: datetime | None) -> str:
    return f"<lastmod>{iso_kyiv(moment)}</lastmod>" if moment else ""


def _url(loc: str, lastmod: datetime | None = None, extra: str = "") -> str:
    return f"<url><loc>{escape(loc)}</loc>{_lastmod(lastmod)}{extra}</url>"


def _urlset(entries: list[str], namespaces: str = "") -> str:
    lines = "".join(f"{entry}\n" for entry in entries)
    return f'<urlset xmlns="{SITEMAP_NS}"{namespaces}>\n{lines}</urlset>\n'


def _address(name: str, page: int, **kwargs) -> str:
    if page == 1:
        return absolute(reverse(f"feeds:{name}", kwargs=kwargs))
    return absolute(reverse(f"feeds:{name}_page", kwargs=kwargs | {"page": page}))


def _files(name: str, count: int, limit: int, lastmod, **kwargs) -> list[tuple[str, object]]:
    pages = range(1, math.ceil(count / limit) + 1)
    return [(_address(name, page, **kwargs), lastmod) for page in pages]


def index_files() -> list[tuple[str, datetime | None]]:
    """Every non-empty sitemap file with its last change, in a fixed number of queries."""
    limit = settings.SITEMAP_LIMIT
    sections_count, sections_last = selectors.sections_summary()
    authors_count, authors_last = selectors.authors_summary()
    news_count, news_last = selectors.news_summary()
    files = _files("sitemap_sections", sections_count + 1, limit, sections_last)
    files += _files("sitemap_authors", authors_count, limit, authors_last)
    for month, count, last in selectors.article_months():
        kwargs = {"year": month.year, "month": month.month}
        files += _files("sitemap_articles", count, limit, last, **kwargs)
    files += _files("news_sitemap", news_count, settings.NEWS_SITEMAP_LIMIT, news_last)
    return files


INDEX_CACHE_KEY = "feeds:sitemap-index"


def forget_index(sender=None, **kwargs) -> None:
    """On every article change: now, and again after the commit, so that a request
    running in between cannot put the old index back for long."""
    cache.delete(INDEX_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(INDEX_CACHE_KEY))


@require_GET
def index(request):
    """Cached between article changes: the month grouping reads the whole archive. A
    scheduled article that comes due sends no signal, so the cache also expires after
    SITEMAP_INDEX_CACHE seconds."""
    files = cache.get(INDEX_CACHE_KEY)
    if files is None:
        files = index_files()
        cache.set(INDEX_CACHE_KEY, files, settings.SITEMAP_INDEX_CACHE)
    entries = "".join(
        f"<sitemap><loc>{escape(loc)}</loc>{_lastmod(last)}</sitemap>\n" for loc, last in files
    )
    body = f'<sitemapindex xmlns="{SITEMAP_NS}">\n{entries}</sitemapindex>\n'
    return _xml_response(body, settings.SITEMAP_MAX_AGE)


@require_GET
def articles(request, year: int, month: int, page: int = 1):
    _check_page(request, page)
    if not (1 <= month <= 12 and 1900 <= year < 9999):
        raise Http404("Такої карти сайту немає")
    rows = selectors.month_articles(year, month, page)
    if not rows:
        raise Http404("Такої карти сайту немає")
    # One reverse() for the file, not one per URL: 50,000 of them took most of the time.
    before, after = absolute(reverse("news:article", args=[SLUG_MARK])).split(SLUG_MARK)
    entries = [_url(f"{before}{slug}{after}", lastmod) for slug, lastmod in rows]
    return _xml_response(_urlset(entries), settings.SITEMAP_MAX_AGE)


@require_GET
def sections(request, page: int = 1):
    """The front page first, then every section: position 0 is the front page."""
    _check_page(request, page)
    limit = settings.SITEMAP_LIMIT
    start, stop = (page - 1) * limit, page * limit
    rows = selectors.sections_slice(max(start - 1, 0), stop - 1)
    entries = [_url(absolute(reverse("news:front")))] if page == 1 else []
    entries += [
        _url(absolute(section.get_absolute_url()), selectors.later(section.last, section.last_pub))
        for section in rows
    ]
    if page > 1 and not rows:
        raise Http404("Такої карти сайту немає")
    return _xml_response(_urlset(entries), settings.SITEMAP_MAX_AGE)


@require_GET
def authors(request, page: int = 1):
    _check_page(request, page)
    rows = selectors.authors_page(page)
    if not rows and page > 1:
        raise Http404("Такої карти сайту немає")
    entries = [
        _url(absolute(author.get_absolute_url()), selectors.later(author.last, author.last_pub))
        for author in rows
    ]
    return _xml_response(_urlset(entries), settings.SITEMAP_MAX_AGE)


def _news_entry(article) -> str:
    site = escape(settings.SITE_NAME)
    return _url(
        absolute(article.get_absolute_url()),
        extra=(
            "<news:news><news:publication>"
            f"<news:name>{site}</news:name><news:language>uk</news:language>"
            "</news:publication>"
            f"<news:publication_date>{iso_kyiv(article.published_at)}</news:publication_date>"
            f"<news:title>{escape(news_title(article.headline))}</news:title>"
            "</news:news>"
        ),
    )


def news_title(headline: str) -> str:
    """The headline alone: Google News wants no site name in it, even if an editor (or an
    import) left one at either end ("… — Шпальта", "Шпальта: …")."""
    site = settings.SITE_NAME
    for separator in (" — ", " – ", " - ", " | ", ": "):
        if headline.endswith(separator + site):
            headline = headline[: -len(separator + site)]
        if headline.startswith(site + separator):
            headline = headline[len(site + separator) :]
    return headline.strip()


@require_GET
def news(request, page: int = 1):
    """Articles of the last two days, newest first, NEWS_SITEMAP_LIMIT (1,000) a file.
    The first file may be empty on a quiet weekend; crawlers accept that."""
    _check_page(request, page)
    rows = selectors.news_articles(page)
    if not rows and page > 1:
        raise Http404("Такої карти сайту немає")
    body = _urlset([_news_entry(row) for row in rows], f' xmlns:news="{NEWS_NS}"')
    return _xml_response(body, settings.NEWS_SITEMAP_MAX_AGE)


def _check_page(request, page: int) -> None:
    """ "-1" would duplicate the plain address, so only pages from 2 have a number."""
    if not 1 <= page <= MAX_PAGE or (page == 1 and "page" in request.resolver_match.kwargs):
        raise Http404("Такої карти сайту немає")
