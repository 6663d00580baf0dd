from datetime import timedelta

import pytest

from shpalta.newsroom.models import EditLock, Revision
from tests.factories.news import ArticleFactory, draft
from tests.factories.newsroom import author_user, byline, editor_user

from .conftest import login
from .forms import change_url, opened_form

pytestmark = pytest.mark.django_db

WARNING = "Цю статтю зараз редагує"


@pytest.fixture
def two_editors():
    return (
        login(editor_user("olena", first_name="Олена", last_name="Коваль")),
        login(editor_user("taras", first_name="Тарас", last_name="Мельник")),
    )


def _opens(client, article) -> str:
    response = client.get(change_url(article))
    assert response.status_code == 200
    return response.content.decode()


def test_second_editor_is_warned_until_the_first_ones_lock_times_out(clock, two_editors):
    olena, taras = two_editors
    article = ArticleFactory()
    assert WARNING not in _opens(olena, article)

    clock.shift(timedelta(minutes=1))
    page = _opens(taras, article)
    assert f"{WARNING} Олена Коваль" in page and "28 листопада 2026, 14:00" in page

    clock.shift(timedelta(minutes=5))  # Olena's page has not checked in for 6 minutes
    assert WARNING not in _opens(taras, article)
    assert EditLock.objects.get(article=article).user.username == "taras"
    assert f"{WARNING} Олена" not in _opens(olena, article)
    assert WARNING in _opens(olena, article)  # now Olena is told about Taras


def test_heartbeat_keeps_the_lock_alive(clock, two_editors):
    olena, taras = two_editors
    article = ArticleFactory()
    _opens(olena, article)
    clock.shift(timedelta(minutes=4))
    assert olena.post(f"/admin/news/article/{article.pk}/lock/").json() == {"ours": True}
    clock.shift(timedelta(minutes=4))  # 8 minutes after opening, 4 after the heartbeat
    assert WARNING in _opens(taras, article)
    answer = taras.post(f"/admin/news/article/{article.pk}/lock/").json()
    assert answer["ours"] is False and answer["message"].startswith(f"{WARNING} Олена")
    clock.shift(timedelta(minutes=6))
    assert taras.post(f"/admin/news/article/{article.pk}/lock/").json() == {"ours": True}


def test_heartbeat_needs_post_and_the_right_to_edit(two_editors):
    olena, _ = two_editors
    article = ArticleFactory()
    assert olena.get(f"/admin/news/article/{article.pk}/lock/").status_code == 405
    author = author_user()
    published_own = ArticleFactory(authors=[byline(author)])
    assert login(author).post(f"/admin/news/article/{published_own.pk}/lock/").status_code == 403
    assert not EditLock.objects.filter(article=published_own).exists()


def test_saving_releases_the_lock(clock, two_editors):
    olena, taras = two_editors
    article = ArticleFactory()
    data = opened_form(olena, article) | {"headline": "Нова версія"}
    clock.shift(timedelta(minutes=1))
    assert olena.post(change_url(article), data).status_code == 302
    assert not EditLock.objects.exists()
    assert WARNING not in _opens(taras, article)


def test_a_save_over_a_newer_version_is_refused_with_a_clear_error(clock, two_editors):
    olena, taras = two_editors
    article = ArticleFactory(headline="Перша версія")
    olena_form = opened_form(olena, article)
    clock.shift(timedelta(minutes=1))
    taras_form = opened_form(taras, article)

    clock.shift(timedelta(minutes=1))
    assert taras.post(change_url(article), taras_form | {"headline": "Тарас"}).status_code == 302
    clock.shift(timedelta(minutes=1))
    refused = olena.post(change_url(article), olena_form | {"headline": "Олена"})

    assert refused.status_code == 200
    assert refused.context["adminform"].form.non_field_errors() == [
        "Поки ви редагували, цю статтю змінив(ла) Тарас Мельник (28 листопада 2026, 14:02). "
        "Ваші зміни не збережено, щоб не стерти чужі. Скопіюйте свій текст, відкрийте статтю "
        "знову й перенесіть правки."
    ]
    article.refresh_from_db()
    assert article.headline == "Тарас"
    assert "Олена" in refused.content.decode()  # her text is still in the form to copy

    reopened = opened_form(olena, article) | {"headline": "Олена"}
    assert olena.post(change_url(article), reopened).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Олена"
    assert list(Revision.objects.values_list("data__headline", flat=True)) == [
        "Олена",
        "Тарас",
        "Перша версія",
    ]


def test_an_author_saving_a_draft_the_editor_changed_meanwhile_is_refused(clock):
    author, editor = author_user(), editor_user()
    article = draft(headline="Чернетка", authors=[byline(author)])
    author_form = opened_form(login(author), article)
    clock.shift(timedelta(minutes=2))
    editor_client = login(editor)
    editor_client.post(change_url(article), opened_form(editor_client, article) | {"lede": "Ред."})
    clock.shift(timedelta(minutes=2))
    refused = login(author).post(change_url(article), author_form | {"lede": "Авт."})
    assert refused.status_code == 200
    article.refresh_from_db()
    assert article.lede == "Ред."
