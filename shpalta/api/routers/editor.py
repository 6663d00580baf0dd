"""Editors' writes with an API token: the same services and permissions as the admin."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status
from ninja.errors import HttpError

from shpalta.news import services
from shpalta.news.models import Article as ArticleModel
from shpalta.news.models import Author, Section, Source, Tag
from shpalta.newsroom.roles import can_edit_article
from shpalta.ukrainian.dates import KYIV

from .. import output, selectors
from ..auth import require_perm, token_auth
from ..schemas import ArticleIn, ArticlePatch, EditorArticle, Error, PublishIn

router = Router(tags=["Редакція"], auth=token_auth)
# Publishing is a change of the article in the admin too (its status field).
PUBLISH_PERMISSION = "newsroom.publish_article"  # the newsroom's editors, as in the admin
ERRORS = {400: Error, 401: Error, 403: Error, 413: Error}
WITH_404 = {**ERRORS, 404: Error}


def _objects(model, field: str, keys: list[str], label: str) -> list:
    """Existing rows in the order given; any unknown key is a 400 naming it."""
    found = {getattr(row, field): row for row in model.objects.filter(**{f"{field}__in": keys})}
    missing = [key for key in keys if key not in found]
    if missing:
        raise HttpError(400, f"Невідомі значення для {label}: {', '.join(missing)}.")
    return [found[key] for key in dict.fromkeys(keys)]


RELATED = {
    "authors": (Author, "slug", "авторів"),
    "tags": (Tag, "slug", "тегів"),
    "sources": (Source, "name", "джерел"),
}


def _relations(data: dict) -> dict:
    """Pops the many-to-many fields out of `data`; a field sent as null is left as it is."""
    relations = {}
    for name, (model, field, label) in RELATED.items():
        keys = data.pop(name, None)
        if keys is not None:
            relations[name] = _objects(model, field, keys, label)
    return relations


def _apply(article: ArticleModel, data: dict) -> None:
    if data.get("section") is not None:
        article.section = _objects(Section, "slug", [data.pop("section")], "розділу")[0]
    data.pop("section", None)
    if "headline" in data and not services.plain_text(data["headline"]):
        raise HttpError(400, "Заголовок не може бути порожнім.")
    for field, value in data.items():
        if value is not None:
            setattr(article, field, value)


def _editor_view(article: ArticleModel) -> dict:
    return output.editor_article(selectors.any_article(article.pk))


@router.get(
    "/{int:article_id}/",
    response={200: EditorArticle, **WITH_404},
    summary="Стаття будь-якого стану",
)
def get_article(request: HttpRequest, article_id: int):
    require_perm(request, "news.view_article")
    return output.editor_article(selectors.any_article(article_id))


@router.post("/", response={201: EditorArticle, **ERRORS}, summary="Створити чернетку")
def create_article(request: HttpRequest, payload: ArticleIn):
    """Нова стаття завжди чернетка; опублікувати — окремим запитом `publish`."""
    require_perm(request, "news.add_article")
    data = payload.dict()
    relations = _relations(data)
    article = ArticleModel(status=ArticleModel.Status.DRAFT)
    _apply(article, data)
    services.article_save(article=article, **relations)
    return Status(201, _editor_view(article))


@router.patch("/{int:article_id}/", response={200: EditorArticle, **WITH_404}, summary="Змінити")
def update_article(request: HttpRequest, article_id: int, payload: ArticlePatch):
    """Змінюються лише передані поля. Після першої публікації адреса сама не змінюється."""
    require_perm(request, "news.change_article")
    article = selectors.any_article(article_id)
    if not can_edit_article(request.auth, article):
        raise HttpError(403, "Автор може змінювати лише власні чернетки.")
    data = payload.dict(exclude_unset=True)
    relations = _relations(data)
    _apply(article, data)
    services.article_save(article=article, **relations)
    return _editor_view(article)


@router.post(
    "/{int:article_id}/publish/", response={200: EditorArticle, **WITH_404}, summary="Опублікувати"
)
def publish_article(request: HttpRequest, article_id: int, payload: PublishIn):
    """Без `at` — зараз; з майбутнім `at` — заплановано. Час без зсуву — київський."""
    require_perm(request, PUBLISH_PERMISSION)
    article = selectors.any_article(article_id)
    at = payload.at
    if at is not None and timezone.is_naive(at):
        at = at.replace(tzinfo=KYIV)
    services.article_publish(article=article, at=at)
    return _editor_view(article)


@router.post(
    "/{int:article_id}/unpublish/", response={200: EditorArticle, **WITH_404}, summary="Зняти"
)
def unpublish_article(request: HttpRequest, article_id: int):
    """Повертає статтю в чернетки: вона зникає з сайту, стрічок і карт сайту."""
    require_perm(request, PUBLISH_PERMISSION)
    article = selectors.any_article(article_id)
    services.article_unpublish(article=article)
    return _editor_view(article)
