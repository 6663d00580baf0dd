"""Public reads of articles, their ratings, and readers' votes."""

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from shpalta.ratings.selectors import rating_by_id
from shpalta.ratings.services import vote_cast
from shpalta.ratings.validation import (
    VoteRejected,
    cookie_challenge,
    vote_admitted,
    vote_checked,
)

from .. import output, selectors
from ..schemas import (
    Article,
    ArticleFilters,
    ArticlePage,
    Error,
    Rating,
    Slug,
    VoteIn,
    VoteResult,
)

router = Router(tags=["Статті"])
NOT_FOUND = {404: Error}


@router.get("/", response={200: ArticlePage, 400: Error}, summary="Список статей")
def list_articles(request: HttpRequest, filters: Query[ArticleFilters]):
    """Опубліковані статті, новіші першими. Фільтри поєднуються; далі — через `cursor`."""
    rows, next_cursor = selectors.articles_page(filters)
    return {"items": [output.article_summary(row) for row in rows], "next_cursor": next_cursor}


@router.get("/{int:article_id}/", response={200: Article, **NOT_FOUND}, summary="Стаття")
def get_article(request: HttpRequest, article_id: int):
    return output.article(selectors.public_article(article_id))


@router.get(
    "/by-slug/{slug}/",
    response={200: Article, 400: Error, **NOT_FOUND},
    summary="Стаття за адресою",
)
def get_article_by_slug(request: HttpRequest, slug: Slug):
    return output.article(selectors.public_article_by_slug(slug))


@router.get(
    "/{int:article_id}/rating/", response={200: Rating, **NOT_FOUND}, summary="Оцінка статті"
)
def get_rating(request: HttpRequest, article_id: int):
    article = selectors.public_article(article_id)
    return output.rating(article)


@router.post(
    "/{int:article_id}/vote/",
    response={200: VoteResult, 307: None, 400: Error, 403: Error, 429: Error, **NOT_FOUND},
    summary="Проголосувати",
)
def vote(request: HttpRequest, article_id: int, payload: VoteIn):
    """Ті самі правила, що й у формі на сайті: 1–5 зірок, лише опубліковані статті, лише
    з нашого сайту чи з додатку. Новий читач отримує cookie й відповідь 307 на цю ж адресу:
    повторіть запит із cookie. Повторний голос змінює оцінку, а не кількість голосів."""
    try:
        article, stars, reader = vote_checked(request, article_id, payload.stars)
        if reader is None:
            return cookie_challenge(request)
        address_hash = vote_admitted(request, reader)
    except VoteRejected as error:
        raise HttpError(error.status, error.message) from error
    _vote, created = vote_cast(
        article_id=article.pk, reader=reader, stars=stars, ip_hash=address_hash
    )
    return rating_by_id(article.pk).as_dict() | {"your_stars": stars, "created": created}
