import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import timezone

from shpalta.api.models import ApiToken
from shpalta.news.models import Article, SlugRedirect
from tests.factories.api import editor_token
from tests.factories.news import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
    draft,
)

pytestmark = pytest.mark.django_db

WRITER = (
    "news.add_article", "news.change_article", "news.view_article",
    "newsroom.edit_any_article", "newsroom.publish_article",
)  # fmt: skip


def call(client, method, url, token=None, body=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(
        f"/api/v1/editor/articles/{url}",
        data=data,
        content_type="application/json",
        headers=headers,
    )


@pytest.fixture
def newsroom():
    return {
        "section": SectionFactory(slug="polityka", name="Політика"),
        "author": AuthorFactory(slug="iryna", name="Ірина"),
        "tag": TagFactory(slug="rada", name="Рада"),
        "source": SourceFactory(name="Укрінформ"),
    }


def test_create_makes_a_draft_with_relations(client, newsroom):
    _user, token = editor_token(*WRITER)
    body = {
        "headline": "Рада ухвалила закон про медіа",
        "lede": "Документ підтримали 250 депутатів.",
        "body": "<p>Текст</p><script>alert(1)</script>",
        "section": "polityka",
        "authors": ["iryna"],
        "tags": ["rada"],
        "sources": ["Укрінформ"],
    }
    response = call(client, "post", "", token, body)
    assert response.status_code == 201, response.content
    data = response.json()
    article = Article.objects.get(pk=data["id"])
    assert article.status == Article.Status.DRAFT
    assert (data["status"], data["slug"], data["published_at"]) == ("draft", article.slug, None)
    assert article.slug == "rada-ukhvalyla-zakon-pro-media"
    assert article.body == "<p>Текст</p>"  # sanitised by the same service as the admin
    assert [a.slug for a in article.authors.all()] == ["iryna"]
    assert [t.slug for t in article.tags.all()] == ["rada"]
    assert [s.name for s in article.sources.all()] == ["Укрінформ"]
    assert client.get(f"/api/v1/articles/{article.pk}/").status_code == 404  # still a draft


def test_update_changes_only_sent_fields(client, newsroom):
    _user, token = editor_token(*WRITER)
    article = draft(headline="Перша версія", tags=[newsroom["tag"]])
    response = call(client, "patch", f"{article.pk}/", token, {"lede": "Новий лід."})
    assert response.status_code == 200
    article.refresh_from_db()
    assert (article.headline, article.lede) == ("Перша версія", "Новий лід.")
    assert [t.slug for t in article.tags.all()] == ["rada"]
    call(client, "patch", f"{article.pk}/", token, {"tags": []})
    assert article.tags.count() == 0


def test_renaming_a_published_article_keeps_old_address(client, newsroom):
    _user, token = editor_token(*WRITER)
    article = ArticleFactory(headline="Стара назва")
    old_slug = article.slug
    call(client, "patch", f"{article.pk}/", token, {"slug": "nova-adresa"})
    article.refresh_from_db()
    assert article.slug == "nova-adresa"
    assert SlugRedirect.objects.get(old_slug=old_slug).article == article


def test_publish_now_schedule_and_unpublish(client, newsroom):
    _user, token = editor_token(*WRITER)
    article = draft()
    published = call(client, "post", f"{article.pk}/publish/", token, {})
    assert published.json()["status"] == "published"
    assert client.get(f"/api/v1/articles/{article.pk}/").status_code == 200
    later = (timezone.now() + timedelta(hours=5)).replace(microsecond=0)
    scheduled = call(client, "post", f"{article.pk}/publish/", token, {"at": later.isoformat()})
    assert scheduled.json()["status"] == "scheduled"
    assert client.get(f"/api/v1/articles/{article.pk}/").status_code == 404
    unpublished = call(client, "post", f"{article.pk}/unpublish/", token)
    assert unpublished.json()["status"] == "draft"


def test_publish_time_without_offset_is_kyiv_time(client):
    _user, token = editor_token(*WRITER)
    article = draft()
    call(client, "post", f"{article.pk}/publish/", token, {"at": "2026-01-15T10:00:00"})
    article.refresh_from_db()
    assert article.published_at.isoformat() == "2026-01-15T08:00:00+00:00"


def test_editor_can_read_a_draft(client):
    _user, token = editor_token(*WRITER)
    article = draft(headline="Таємна чернетка")
    response = call(client, "get", f"{article.pk}/", token)
    assert (response.status_code, response.json()["headline"]) == (200, "Таємна чернетка")


@pytest.mark.parametrize("token", [None, "shp_wrong", "Basic abc"])
def test_writes_without_a_valid_token_are_401(client, newsroom, token):
    response = call(client, "post", "", token, {"headline": "x", "section": "polityka"})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {
        "error": "Потрібен дійсний API-токен: заголовок «Authorization: Bearer <токен>»."
    }
    assert Article.objects.count() == 0


def test_token_of_a_deactivated_user_stops_working(client, newsroom):
    user, token = editor_token(*WRITER)
    user.is_active = False
    user.save()
    assert call(client, "get", "1/", token).status_code == 401


@pytest.mark.parametrize(
    ("permissions", "method", "path", "needed"),
    [
        (("news.view_article",), "post", "", "news.add_article"),
        (("news.add_article",), "patch", "{pk}/", "news.change_article"),
        (("news.add_article",), "post", "{pk}/publish/", "newsroom.publish_article"),
        (("news.add_article",), "get", "{pk}/", "news.view_article"),
    ],
)
def test_permissions_are_checked_like_the_admin(
    client, newsroom, permissions, method, path, needed
):
    _user, token = editor_token(*permissions)
    article = draft()
    body = {"headline": "Нова", "section": "polityka"} if method != "get" else None
    response = call(client, method, path.format(pk=article.pk), token, body)
    assert response.status_code == 403
    assert response.json() == {"error": f"Недостатньо прав: потрібен дозвіл «{needed}»."}
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


BASE = {"headline": "Так", "section": "polityka"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (BASE | {"section": "nema"}, "Невідомі значення для розділу: nema."),
        (BASE | {"tags": ["rada", "x"]}, "Невідомі значення для тегів: x."),
        (BASE | {"sources": ["BBC"]}, "Невідомі значення для джерел: BBC."),
        (BASE | {"headline": "<b></b>"}, "Заголовок не може бути порожнім."),
    ],
)
def test_bad_references_are_400_and_change_nothing(client, newsroom, body, message):
    _user, token = editor_token(*WRITER)
    response = call(client, "post", "", token, body)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"section": "polityka"}, "body.headline"),
        ({"headline": "", "section": "polityka"}, "body.headline"),
        ({"headline": "a\x00b", "section": "polityka"}, "body.headline"),
        ({"headline": "Так", "section": "polityka", "is_top_story": "yes"}, "body.is_top_story"),
        ({"headline": "Так" * 200, "section": "polityka"}, "body.headline"),
    ],
)
def test_invalid_fields_are_400_naming_the_field(client, newsroom, body, field):
    _user, token = editor_token(*WRITER)
    response = call(client, "post", "", token, body)
    assert response.status_code == 400
    assert response.json()["details"][0]["field"] == field
    assert Article.objects.count() == 0


def test_unknown_article_is_404(client):
    _user, token = editor_token(*WRITER)
    response = call(client, "patch", "999999/", token, {"lede": "x"})
    assert (response.status_code, response.json()) == (404, {"error": "Статті з таким id немає."})


def test_token_use_is_recorded(client):
    _user, token = editor_token(*WRITER)
    article = draft()
    assert ApiToken.objects.get().last_used_at is None
    call(client, "get", f"{article.pk}/", token)
    assert ApiToken.objects.get().last_used_at is not None


def test_tokens_are_stored_hashed():
    _user, token = editor_token(*WRITER)
    row = ApiToken.objects.get()
    assert token not in (row.token_hash, row.prefix) and row.prefix == token[:12]
    assert len(row.token_hash) == 64


def test_command_creates_a_working_token(client, newsroom):
    User.objects.create_superuser("redaktor", password=None)
    out, err = StringIO(), StringIO()
    call_command(
        "api_token_create", "redaktor", "--name", "мобільний додаток", stdout=out, stderr=err
    )
    token = out.getvalue().strip()
    assert token.startswith("shp_")
    assert "показати його ще раз неможливо" in err.getvalue()
    assert ApiToken.objects.get().name == "мобільний додаток"
    response = call(client, "post", "", token, {"headline": "Через токен", "section": "polityka"})
    assert response.status_code == 201


def test_command_names_an_unknown_user():
    with pytest.raises(CommandError, match=r"Користувача «nobody» немає\."):
        call_command("api_token_create", "nobody")


def test_committed_openapi_schema_is_the_served_one(client):
    committed = json.loads((Path(__file__).parents[2] / "docs" / "openapi.json").read_text())
    assert client.get("/api/v1/openapi.json").json() == committed, "run `make openapi`"


def test_admin_lists_tokens_without_the_secret(admin_client):
    _user, token = editor_token(*WRITER)
    response = admin_client.get("/admin/api/apitoken/")
    assert response.status_code == 200
    html = response.content.decode()
    assert token[:12] in html and token not in html
    assert admin_client.get("/admin/api/apitoken/add/").status_code == 403
