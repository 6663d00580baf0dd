from datetime import timedelta

import pytest

from shpalta.news import services
from shpalta.news.models import Article
from shpalta.newsroom.revisions import body_text_lines, diff_as_text, revision_diff
from tests.factories.news import ArticleFactory, SectionFactory, draft
from tests.factories.newsroom import author_user, byline, editor_user

from .conftest import KYIV_14_00, login
from .forms import change_url, opened_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def olena():
    return editor_user("olena", first_name="Олена", last_name="Коваль")


def _edit(client, article, **changes):
    response = client.post(change_url(article), opened_form(client, article) | changes)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    return article


def test_every_save_keeps_a_revision_with_who_when_and_what(clock, olena):
    client = login(olena)
    client.post(
        "/admin/news/article/add/",
        {
            "headline": "Міст відкриють",
            "lede": "Лід.",
            "status": "draft",
            "section": SectionFactory().pk,
        },
    )
    article = Article.objects.get()
    clock.shift(timedelta(minutes=5))
    _edit(client, article, lede="Новий лід.")
    clock.shift(timedelta(minutes=1))
    _edit(client, article)  # nothing changed: no revision

    rows = list(
        article.revisions.order_by("number").values_list(
            "number", "user__username", "created_at", "changed_fields"
        )
    )
    assert rows[1:] == [(2, "olena", KYIV_14_00 + timedelta(minutes=5), ["lede"])]
    assert rows[0][:3] == (1, "olena", KYIV_14_00)
    assert "headline" in rows[0][3] and "body" in rows[0][3]


def test_two_revisions_compare_as_a_text_diff(olena):
    article = ArticleFactory(
        headline="Міст відкриють у грудні",
        body="<p>Роботи тривають.</p><p>Рух буде двосмуговим.</p>",
    )
    article.headline = "Міст відкриють у січні"
    article.body = "<p>Роботи тривають.</p><p>Рух буде чотирисмуговим.</p><p>Нове.</p>"
    services.article_save(article=article)
    older, newer = article.revisions.order_by("number")
    assert diff_as_text(revision_diff(older, newer)) == "\n".join(
        [
            "## Заголовок",
            "- Міст відкриють у грудні",
            "+ Міст відкриють у січні",
            "## Текст",
            "  Роботи тривають.",
            "- Рух буде двосмуговим.",
            "+ Рух буде чотирисмуговим.",
            "+ Нове.",
        ]
    )

    page = login(olena).get(f"/admin/news/article/{article.pk}/revisions/compare/?a=2&b=1")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<del>грудні</del>" in html and "<ins>січні</ins>" in html


def test_revision_list_and_bad_comparison_requests(olena):
    article = ArticleFactory()
    client = login(olena)
    listing = client.get(f"/admin/news/article/{article.pk}/revisions/")
    assert listing.status_code == 200 and len(listing.context["rows"]) == 1
    for query in ("", "?a=1&b=1", "?a=x&b=1", "?a=1&b=99"):
        response = client.get(f"/admin/news/article/{article.pk}/revisions/compare/{query}")
        assert response.status_code == 302
        assert response.url == f"/admin/news/article/{article.pk}/revisions/"


def test_restoring_an_old_revision_brings_back_its_text_as_a_new_revision(clock, olena):
    article = ArticleFactory(headline="Перший заголовок", lede="Перший лід.")
    clock.shift(timedelta(minutes=3))
    client = login(olena)
    _edit(client, article, headline="Невдалий заголовок", lede="Невдалий лід.")
    clock.shift(timedelta(minutes=3))

    response = client.post(f"/admin/news/article/{article.pk}/revisions/1/restore/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.lede, article.status) == (
        "Перший заголовок",
        "Перший лід.",
        "published",
    )
    latest = article.revisions.order_by("-number").first()
    assert (latest.number, latest.user, latest.note) == (3, olena, "Відновлено версію №1")


def test_restore_needs_post_and_the_right_to_edit(olena):
    author = author_user()
    article = ArticleFactory(authors=[byline(author)], headline="Опубліковано")
    article.headline = "Нове"
    services.article_save(article=article)
    author_client = login(author)
    assert author_client.get(f"/admin/news/article/{article.pk}/revisions/").status_code == 200
    assert (
        author_client.post(f"/admin/news/article/{article.pk}/revisions/1/restore/").status_code
        == 403
    )
    assert (
        login(olena).get(f"/admin/news/article/{article.pk}/revisions/1/restore/").status_code
        == 302
    )
    article.refresh_from_db()
    assert article.headline == "Нове"


def test_published_article_edited_later_shows_updated_time(clock, client, olena):
    article = ArticleFactory(published_at=KYIV_14_00)
    assert "Оновлено" not in client.get(article.get_absolute_url()).content.decode()

    clock.move_to(KYIV_14_00 + timedelta(hours=1, minutes=20))
    _edit(login(olena), article, body="<p>Додано заяву мерії.</p>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Оновлено <time" in html and "28 листопада 2026, 15:20</time>" in html


def test_changes_readers_do_not_read_are_not_updates(clock, olena):
    article = draft()
    services.article_publish(article=article)  # first publication
    clock.shift(timedelta(minutes=30))
    _edit(login(olena), article, is_pinned="on")
    assert article.revised_at is None


def test_correction_note_is_shown_when_the_editor_marks_it(clock, client, olena):
    article = ArticleFactory(published_at=KYIV_14_00)
    clock.shift(timedelta(hours=2))
    _edit(login(olena), article, correction="У першій версії неправильно вказано прізвище.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<aside class="correction"' in html
    assert "<strong>Виправлення.</strong> У першій версії неправильно вказано прізвище." in html
    assert "28 листопада 2026, 16:00" in html


def test_body_text_lines_read_like_paragraphs():
    assert body_text_lines("<h2>Що відомо</h2><p>Перше &laquo;речення&raquo;.<br>Друге.</p>") == [
        "Що відомо",
        "Перше «речення».",
        "Друге.",
    ]
