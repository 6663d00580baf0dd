import json

import pytest
from django.core.handlers.wsgi import WSGIHandler

from shpalta.core.pagecache import PageCache
from shpalta.newsroom.breaking import breaking_current, breaking_set
from shpalta.newsroom.models import BreakingNews
from tests.core.conftest import Site
from tests.core.conftest import wsgi_signals_quiet as wsgi_signals_quiet_fixture
from tests.factories.news import ArticleFactory, draft
from tests.factories.newsroom import author_user, editor_user

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_capture_on_commit_callbacks):
    return login(editor_user())


def _banner(client) -> dict:
    response = client.get("/breaking.json")
    assert response.status_code == 200
    return response.json()


def test_editor_sets_the_banner_in_one_post_and_clears_it_in_one_click(
    editor, client, django_capture_on_commit_callbacks
):
    assert _banner(client) == {"active": False}
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            "/admin/newsroom/breakingnews/add/",
            {"text": "Повітряна тривога в Києві", "url": "/news/tryvoha/"},
        )
    assert response.status_code == 302
    item = BreakingNews.objects.get()
    assert _banner(client) == {
        "active": True,
        "id": item.pk,
        "text": "Повітряна тривога в Києві",
        "url": "/news/tryvoha/",
    }
    assert "Зняти термінову новину" in editor.get("/admin/newsroom/breakingnews/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        editor.post("/admin/newsroom/breakingnews/clear/")
    assert _banner(client) == {"active": False}
    item.refresh_from_db()
    assert (item.live, item.cleared_at is not None) == (False, True)


def test_a_new_banner_replaces_the_live_one(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        breaking_set(text="Перша")
        second = breaking_set(text="Друга")
    assert breaking_current()["id"] == second.pk
    assert list(BreakingNews.objects.filter(live=True)) == [second]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "//evil.example/", "ftp://x.example/", "news/без-скісної"]
)
def test_unsafe_or_odd_links_are_refused_with_a_form_error(editor, url):
    response = editor.post("/admin/newsroom/breakingnews/add/", {"text": "Терміново", "url": url})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "url": ["Посилання має починатися з «/» (сторінка сайту) або з https://."]
    }
    assert not BreakingNews.objects.exists()


def test_empty_text_is_refused(editor):
    response = editor.post("/admin/newsroom/breakingnews/add/", {"text": "  ", "url": ""})
    assert response.status_code == 200
    assert "text" in response.context["adminform"].form.errors
    assert not BreakingNews.objects.exists()


def test_authors_cannot_set_a_banner():
    response = login(author_user()).post("/admin/newsroom/breakingnews/add/", {"text": "Х"})
    assert response.status_code == 403
    assert not BreakingNews.objects.exists()


def test_make_breaking_from_an_article_in_one_click(editor, django_capture_on_commit_callbacks):
    article = ArticleFactory(headline="Уряд ухвалив бюджет")
    unpublished = draft()
    editor.post(
        "/admin/news/article/",
        {"action": "make_breaking", "_selected_action": [unpublished.pk]},
    )
    assert not BreakingNews.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(
            "/admin/news/article/", {"action": "make_breaking", "_selected_action": [article.pk]}
        )
    banner = breaking_current()
    assert (banner["text"], banner["url"]) == ("Уряд ухвалив бюджет", article.get_absolute_url())


def test_breaking_json_is_briefly_cacheable_and_cheap(client, django_assert_num_queries):
    breaking_set(text="Терміново")
    with django_assert_num_queries(1):
        first = client.get("/breaking.json")
    with django_assert_num_queries(0):
        client.get("/breaking.json")
    assert first["Cache-Control"] == "public, max-age=5"
    assert first["Content-Type"] == "application/json"
    assert "Set-Cookie" not in first


def test_pages_carry_the_slot_but_never_the_banner_itself(client):
    article = ArticleFactory()
    breaking_set(text="Текст термінової новини")
    for url in ("/", article.get_absolute_url(), article.section.get_absolute_url()):
        html = client.get(url).content.decode()
        assert 'data-breaking-url="/breaking.json"' in html
        assert "Текст термінової новини" not in html


wsgi_signals_quiet = wsgi_signals_quiet_fixture


@pytest.fixture
def site(db, request, settings):
    request.getfixturevalue("wsgi_signals_quiet")
    settings.PAGE_CACHE_LOCAL_CHECK_SECONDS = 0  # every app server sees a purge at once
    return Site(PageCache(WSGIHandler()))


def test_a_change_reaches_readers_through_the_page_cache_at_once(
    site, django_capture_on_commit_callbacks
):
    site.get("/breaking.json")
    assert site.get("/breaking.json").cache == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        breaking_set(text="Терміново через кеш")
    after = site.get("/breaking.json")
    assert after.cache == "MISS"
    assert json.loads(after.text)["text"] == "Терміново через кеш"
    assert after.headers["Cache-Control"] == "public, max-age=5"
