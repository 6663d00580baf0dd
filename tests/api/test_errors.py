"""Every API answer is JSON, the errors Django would otherwise answer in HTML included."""

import pytest
from django.test import RequestFactory

from shpalta.api.api import on_unexpected
from tests.factories.news import ArticleFactory

pytestmark = pytest.mark.django_db


def test_wrong_method_is_json_405(client):
    response = client.delete("/api/v1/articles/")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {"error": "Метод DELETE тут не підтримується. Дозволено: GET."}


def test_unknown_address_is_json_404(client):
    response = client.get("/api/v1/nothing/here/")
    assert (response.status_code, response.json()) == (
        404,
        {"error": "Такої адреси в API немає. Перелік — у /api/v1/openapi.json."},
    )
    assert client.post("/api/v1/nothing/").status_code == 404  # no CSRF page either
    assert client.get("/api/v1/articles/a%0Ab/").json()["error"].startswith("Такої адреси")


def test_missing_trailing_slash_is_explained(client):
    response = client.get("/api/v1/articles")
    assert response.json() == {
        "error": "Адреса має закінчуватися скісною рискою: /api/v1/articles/"
    }


def test_malformed_json_body_is_400(client):
    article = ArticleFactory()
    response = client.post(
        f"/api/v1/articles/{article.pk}/vote/", data="{stars:", content_type="application/json"
    )
    assert (response.status_code, response.json()) == (
        400,
        {"error": "Тіло запиту — не JSON, або JSON з помилкою."},
    )


def test_unexpected_failure_is_json_500(caplog):
    request = RequestFactory().get("/api/v1/articles/")
    response = on_unexpected(request, RuntimeError("boom"))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "API error on GET /api/v1/articles/" in caplog.text


def test_docs_page_loads_without_inline_script(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert b"<script>" not in response.content
