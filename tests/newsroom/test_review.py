from datetime import timedelta

import pytest

from shpalta.news.models import Article
from shpalta.newsroom.models import ArticleReview, Comment
from shpalta.newsroom.review import review_queue
from tests.factories.news import SectionFactory, draft
from tests.factories.newsroom import author_user, byline, editor_user

from .conftest import KYIV_14_00, login
from .forms import change_url, opened_form

pytestmark = pytest.mark.django_db


def _submit(client, article, **changes):
    data = opened_form(client, article) | changes | {"_submit_review": "1"}
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_author_submits_a_new_draft_for_review_in_one_step(clock):
    user = author_user()
    response = login(user).post(
        "/admin/news/article/add/",
        {"headline": "Нова чернетка", "section": SectionFactory().pk, "_submit_review": "1"},
    )
    assert response.status_code == 302
    review = ArticleReview.objects.get()
    assert (review.state, review.submitted_by, review.submitted_at) == (
        ArticleReview.State.SUBMITTED,
        user,
        KYIV_14_00,
    )
    assert review.article.status == Article.Status.DRAFT


def test_editors_queue_lists_submitted_drafts_oldest_first(clock):
    first_author, second_author = author_user("avtor1"), author_user("avtor2")
    late = draft(headline="Пізніша", authors=[byline(second_author)])
    early = draft(headline="Раніша", authors=[byline(first_author)])
    _submit(login(first_author), early)
    clock.shift(timedelta(minutes=5))
    _submit(login(second_author), late)
    draft(headline="Не надіслана")

    editor = login(editor_user())
    response = editor.get("/admin/newsroom/articlereview/?state__exact=submitted")
    assert response.status_code == 200
    assert [row.article.headline for row in response.context["cl"].result_list] == [
        "Раніша",
        "Пізніша",
    ]
    assert [item.article.headline for item in review_queue()] == ["Раніша", "Пізніша"]
    assert editor.get("/admin/newsroom/articlereview/").status_code == 302  # opens on the queue


def test_authors_cannot_see_the_queue():
    assert login(author_user()).get("/admin/newsroom/articlereview/").status_code == 403


def test_editor_returns_a_draft_with_a_comment_and_the_author_resubmits(clock):
    author, editor = author_user(), editor_user()
    author_client, editor_client = login(author), login(editor)
    article = draft(headline="Чернетка", authors=[byline(author)])
    _submit(author_client, article)

    clock.shift(timedelta(minutes=10))
    editor_client.post(
        f"/admin/news/article/{article.pk}/comment/",
        {"text": "Додайте коментар міськради.", "_return": "1"},
    )
    review = ArticleReview.objects.get()
    assert (review.state, review.decided_by) == (ArticleReview.State.RETURNED, editor)
    page = author_client.get(change_url(article)).content.decode()
    assert "Додайте коментар міськради." in page

    clock.shift(timedelta(minutes=20))
    _submit(author_client, article, body="<p>Міськрада підтвердила.</p>")
    review.refresh_from_db()
    assert review.state == ArticleReview.State.SUBMITTED
    assert review.submitted_at == review.article.updated_at  # resubmitted at 14:30

    clock.shift(timedelta(minutes=5))
    editor_client.post(
        "/admin/news/article/", {"action": "publish_now", "_selected_action": [article.pk]}
    )
    review.refresh_from_db()
    assert (review.state, review.decided_by) == (ArticleReview.State.APPROVED, editor)
    assert list(review_queue()) == []


def test_returning_needs_a_reason_and_changes_nothing_without_one():
    author, editor = author_user(), editor_user()
    article = draft(authors=[byline(author)])
    _submit(login(author), article)
    response = login(editor).post(
        f"/admin/news/article/{article.pk}/comment/", {"text": "   ", "_return": "1"}, follow=True
    )
    assert "Коментар порожній" in response.content.decode()
    assert ArticleReview.objects.get().state == ArticleReview.State.SUBMITTED
    assert not Comment.objects.exists()


def test_author_cannot_return_a_draft_but_can_comment():
    author = author_user()
    client = login(author)
    article = draft(authors=[byline(author)])
    _submit(client, article)
    client.post(f"/admin/news/article/{article.pk}/comment/", {"text": "Готово", "_return": "1"})
    assert ArticleReview.objects.get().state == ArticleReview.State.SUBMITTED
    client.post(f"/admin/news/article/{article.pk}/comment/", {"text": "Додала джерело."})
    assert list(Comment.objects.values_list("text", "user__username")) == [
        ("Додала джерело.", author.username)
    ]


def test_comments_on_a_draft_read_in_order_from_two_users(clock):
    author, editor = author_user(), editor_user()
    article = draft(authors=[byline(author)])
    login(editor).post(f"/admin/news/article/{article.pk}/comment/", {"text": "Хто джерело?"})
    clock.shift(timedelta(minutes=3))
    login(author).post(f"/admin/news/article/{article.pk}/comment/", {"text": "Мерія."})
    page = login(editor).get(change_url(article)).content.decode()
    assert page.index("Хто джерело?") < page.index("Мерія.")


def test_author_cannot_comment_on_someone_elses_article():
    article = draft()
    response = login(author_user()).post(
        f"/admin/news/article/{article.pk}/comment/", {"text": "Привіт"}
    )
    assert response.status_code == 404
    assert not Comment.objects.exists()
