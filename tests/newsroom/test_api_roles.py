"""The newsroom's roles hold in the JSON API as they do in the admin."""

import json

import pytest

from shpalta.api.tokens import api_token_create
from shpalta.news.models import Article
from tests.factories.news import draft
from tests.factories.newsroom import author_user, byline, editor_user

pytestmark = pytest.mark.django_db
EDITOR_API = "/api/v1/editor/articles/"


def token_for(user) -> str:
    return api_token_create(user=user, name="тест")[1]


def call(client, method, path, token, body=None):
    return getattr(client, method)(
        EDITOR_API + path,
        data=json.dumps(body or {}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_author_cannot_publish_even_own_draft_through_api(client):
    author = author_user()
    article = draft(authors=[byline(author)])
    response = call(client, "post", f"{article.pk}/publish/", token_for(author))
    assert response.status_code == 403
    assert response.json() == {
        "error": "Недостатньо прав: потрібен дозвіл «newsroom.publish_article»."
    }
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_author_edits_own_draft_but_not_a_colleagues(client):
    author = author_user()
    own = draft(authors=[byline(author)])
    colleagues = draft(headline="Чужа чернетка")
    token = token_for(author)
    assert call(client, "patch", f"{own.pk}/", token, {"headline": "Моя"}).status_code == 200
    response = call(client, "patch", f"{colleagues.pk}/", token, {"headline": "Перехоплено"})
    assert response.status_code == 403
    assert response.json() == {"error": "Автор може змінювати лише власні чернетки."}
    colleagues.refresh_from_db()
    assert colleagues.headline == "Чужа чернетка"


def test_editor_edits_and_publishes_any_article_through_api(client):
    article = draft(headline="Чернетка автора")
    token = token_for(editor_user())
    assert (
        call(client, "patch", f"{article.pk}/", token, {"headline": "Вичитано"}).status_code == 200
    )
    assert call(client, "post", f"{article.pk}/publish/", token).status_code == 200
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Вичитано", Article.Status.PUBLISHED)
