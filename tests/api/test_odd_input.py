"""Inputs that once got a 500 from the editors' endpoints (found by the schemathesis run):
each is now a JSON 400 that names the reason and changes nothing."""

import json

import pytest

from shpalta.news.models import Article
from tests.factories.api import editor_token
from tests.factories.news import SectionFactory, draft

pytestmark = pytest.mark.django_db

NOT_AN_OBJECT = {
    "error": "Неправильний запит — body: тіло запиту має бути JSON-об’єктом.",
    "details": [{"field": "body", "message": "тіло запиту має бути JSON-об’єктом"}],
}


def send(client, method, url, raw):
    _user, token = editor_token(superuser=True)
    return getattr(client, method)(
        f"/api/v1/editor/articles/{url}",
        data=raw,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.mark.parametrize("field", ["headline", "lede", "body", "slug", "image_alt"])
def test_create_with_lone_surrogate_is_400(client, field):
    # "\ud800" is valid JSON but no character: it used to reach the database driver, which
    # cannot encode it, and the request ended in a 500.
    SectionFactory(slug="polityka")
    body = {"headline": "Заголовок", "section": "polityka", field: "Текст \ud800"}
    response = send(client, "post", "", json.dumps(body))
    assert response.status_code == 400
    assert response.json()["details"] == [
        {
            "field": f"body.{field}",
            "message": "текст містить половину сурогатної пари UTF-16, а не символ",
        }
    ]
    assert not Article.objects.exists()


def test_update_with_lone_surrogate_in_a_source_is_400(client):
    article = draft(headline="Було")
    response = send(client, "patch", f"{article.pk}/", '{"sources": ["\\udc00"]}')
    assert response.status_code == 400
    assert response.json()["details"][0]["field"] == "body.sources.0"
    assert list(article.sources.all()) == []


def test_create_with_nul_is_400(client):
    SectionFactory(slug="polityka")
    response = send(client, "post", "", '{"headline": "a\\u0000b", "section": "polityka"}')
    assert response.json()["details"] == [
        {"field": "body.headline", "message": "текст містить недопустимі керівні символи"}
    ]
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "at",
    [
        "0001-01-01T00:00",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-12:00",
        "1899-12-31T23:59",
    ],
)
def test_publish_at_the_ends_of_the_calendar_is_400(client, at):
    # Kyiv time for a time without offset, and UTC for storing, overflowed Python's calendar.
    article = draft()
    response = send(client, "post", f"{article.pk}/publish/", json.dumps({"at": at}))
    assert (response.status_code, response.json()["details"]) == (
        400,
        [{"field": "body.at", "message": "рік має бути від 1900 до 2100"}],
    )
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.DRAFT, None)


def test_publish_at_the_edge_of_the_allowed_years_is_accepted(client):
    article = draft()
    response = send(client, "post", f"{article.pk}/publish/", '{"at": "2100-12-31T23:00"}')
    assert (response.status_code, response.json()["status"]) == (200, "scheduled")


@pytest.mark.parametrize("raw", ["[]", "1", '"x"', "null", "[{}]"])
def test_update_with_a_body_that_is_not_an_object_is_400(client, raw):
    # Ninja reads attributes of any object, so an array used to pass as "no fields sent" and
    # a publish request with one published the article.
    article = draft(headline="Було")
    for method, url in (("patch", f"{article.pk}/"), ("post", f"{article.pk}/publish/")):
        response = send(client, method, url, raw)
        assert (response.status_code, response.json()) == (400, NOT_AN_OBJECT)
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Було", Article.Status.DRAFT)


def test_create_with_a_body_that_is_not_an_object_is_400(client):
    response = send(client, "post", "", "[]")
    assert (response.status_code, response.json()) == (400, NOT_AN_OBJECT)


def test_longest_allowed_body_escaped_as_json_is_accepted(client):
    # json.dumps escapes every non-ASCII character: 500,000 Ukrainian letters are 3 MB, more
    # than Django's default 2.5 MB limit, which used to end in a 500.
    SectionFactory(slug="polityka")
    body = {"headline": "Довга", "section": "polityka", "body": "ї" * 500_000}
    response = send(client, "post", "", json.dumps(body))
    assert response.status_code == 201
    assert len(Article.objects.get().body) == 500_000


def test_body_over_the_upload_limit_is_json_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    SectionFactory(slug="polityka")
    body = {"headline": "Завелика", "section": "polityka", "body": "x" * (1024 * 1024)}
    response = send(client, "post", "", json.dumps(body))
    assert (response.status_code, response.json()) == (
        413,
        {"error": "Тіло запиту завелике: більше за 1 МБ."},
    )
    assert not Article.objects.exists()
