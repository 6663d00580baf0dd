"""GET /api/v1/search/: the search page's results as JSON, from the same selector."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from shpalta.api import output
from shpalta.api.schemas import Error, IsoDate, SectionRef, Slug, Text

from .selectors import MAX_PAGE, MESSAGES, search_articles

router = Router(tags=["Пошук"])


class SearchQuery(Schema):
    q: Text(1000) = Field("", description="Запит: будь-які форми слів («Умєрова» = «Умєров»)")
    section: Slug | None = Field(None, description="Адреса розділу")
    date_from: IsoDate | None = Field(None, description="Від дати (київський час), включно")
    date_to: IsoDate | None = Field(None, description="До дати (київський час), включно")
    page: int = Field(1, ge=1, le=MAX_PAGE)


class Notice(Schema):
    code: str
    message: str


class SearchHit(Schema):
    id: int
    slug: str
    url: str
    headline: str
    section: SectionRef
    published_at: datetime
    score: float = Field(description="Релевантність із поправкою на свіжість; більше — вище")
    headline_html: str = Field(description="Заголовок, знайдені форми в <mark>, HTML екрановано")
    snippet_html: str = Field(description="Уривок тексту, знайдені форми в <mark>")


class SearchPage(Schema):
    query: str
    total: int = Field(description="Скільки знайдено; якщо total_exact хибне — щонайменше стільки")
    total_exact: bool = Field(
        description="Чи total точне: для дуже частих слів ранжуються лише найновіші 2000 збігів"
    )
    page: int
    pages: int
    items: list[SearchHit]
    notices: list[Notice]


@router.get("/", response={200: SearchPage, 400: Error}, summary="Пошук статей")
def search(request: HttpRequest, params: Query[SearchQuery]):
    """Опубліковані статті, що містять кожне змістовне слово запиту в будь-якій формі;
    найрелевантніші й найсвіжіші першими. Сторінки по 20, не далі 50-ї."""
    if params.date_from and params.date_to and params.date_from > params.date_to:
        raise HttpError(400, "Дата «від» пізніша за дату «до».")
    results = search_articles(
        params.q,
        section=params.section,
        date_from=params.date_from,
        date_to=params.date_to,
        page=params.page,
    )
    return {
        "query": results.query,
        "total": results.total,
        "total_exact": results.total_exact,
        "page": results.page,
        "pages": results.last_page,
        "items": [_hit(hit) for hit in results.hits],
        "notices": [
            {"code": code, "message": MESSAGES[code].format(words=8)} for code in results.notices
        ],
    }


def _hit(hit) -> dict:
    article = hit.article
    return {
        "id": article.pk,
        "slug": article.slug,
        "url": output.absolute(article.get_absolute_url()),
        "headline": article.headline,
        "section": output.section_ref(article.section),
        "published_at": article.published_at,
        "score": hit.score,
        "headline_html": str(hit.headline_html),
        "snippet_html": str(hit.snippet_html),
    }
