"""An editor's edits, renames, unpublish and re-publish never touch readers' votes."""

import pytest
from django.contrib.auth.models import User

from shpalta.news import services
from shpalta.news.models import Article
from shpalta.ratings.models import ArticleRating, Vote
from shpalta.ratings.services import vote_cast
from tests.factories.news import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db


def _votes_of(article):
    rows = sorted(Vote.objects.filter(article=article).values_list("reader", "stars"))
    rating = ArticleRating.objects.get(article=article)
    return rows, rating.votes_count, rating.stars_total


@pytest.fixture
def voted_article():
    article = ArticleFactory()
    for n, stars in enumerate([5, 4, 4, 1, 3]):
        vote_cast(article_id=article.pk, reader=f"{n:032d}", stars=stars)
    return article


def test_article_save_edit_and_rename_keep_votes(voted_article):
    before = _votes_of(voted_article)
    voted_article.headline = "Новий заголовок про міст"
    voted_article.slug = "novyi-zaholovok"
    voted_article.body = "<p>Оновлений текст.</p>"
    services.article_save(article=voted_article, tags=[TagFactory()])
    assert _votes_of(voted_article) == before
    assert before[1:] == (5, 17)


def test_unpublish_and_republish_keep_votes(voted_article):
    before = _votes_of(voted_article)
    services.article_unpublish(article=voted_article)
    services.article_publish(article=voted_article)
    assert _votes_of(voted_article) == before


def test_saving_the_same_article_as_a_fresh_object_keeps_votes(voted_article):
    """What an importer does when a story arrives again: load by slug, overwrite, save."""
    before = _votes_of(voted_article)
    again = Article.objects.get(slug=voted_article.slug)
    again.headline, again.lede = "Той самий матеріал з іншого джерела", "Новий лід."
    services.article_save(article=again)
    assert _votes_of(voted_article) == before


def test_admin_change_form_keeps_votes(client, voted_article):
    before = _votes_of(voted_article)
    editor = User.objects.create_superuser("editor", "e@example.org", "Довгий-пароль-2026")
    client.force_login(editor)
    url = f"/admin/news/article/{voted_article.pk}/change/"
    data = {
        "headline": "Заголовок після правки",
        "slug": voted_article.slug,
        "lede": voted_article.lede,
        "body": voted_article.body,
        "status": "published",
        "published_at_0": voted_article.published_at.strftime("%d.%m.%Y"),
        "published_at_1": voted_article.published_at.strftime("%H:%M:%S"),
        "section": voted_article.section_id,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Article.objects.get(pk=voted_article.pk).headline == "Заголовок після правки"
    assert _votes_of(voted_article) == before
