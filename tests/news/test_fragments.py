"""The article's stored markup (shpalta.news.fragments): a change shows at once on the
article's page and in the «Інші новини» of others, and what is not the article's own
(the rating, its entities) is never kept in it."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shpalta.images.services import image_update
from shpalta.news import services
from shpalta.news.models import ArticleFragment
from shpalta.ratings.services import vote_cast
from tests.factories.images import ImageFactory
from tests.factories.news import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
)
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def html(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def other_news(page: str) -> str:
    return page.split('class="other-news"', 1)[1]


def test_first_view_stores_the_markup_and_later_views_use_it(client):
    article = ArticleFactory(headline="Міст відкрили для пішоходів")
    first = html(client, article)
    stored = ArticleFragment.objects.get(article=article)
    assert "Міст відкрили для пішоходів" in stored.top
    assert html(client, article) == first


def test_later_view_costs_two_queries_and_writes_nothing(client):
    article = ArticleFactory()
    ArticleFactory()
    html(client, article)
    # the article with its stored markup, rating and entities; the stored cards
    assert queries_for(client, article.get_absolute_url()) == 2


def test_archive_without_stored_lists_shows_latest_stories_for_as_many_queries(client):
    article = ArticleFactory()
    ArticleFactory(headline="Найсвіжіша новина дня")
    assert article.related_links.exists()
    article.related_links.all().delete()  # an archive «Інші новини» has not profiled yet
    page = html(client, article)
    assert "Найсвіжіша новина дня" in other_news(page)
    assert queries_for(client, article.get_absolute_url()) == 2


def test_edited_headline_shows_at_once_on_its_page_and_in_other_news(client):
    edited, reader = ArticleFactory(headline="Старий заголовок"), ArticleFactory()
    assert "Старий заголовок" in html(client, edited)
    assert "Старий заголовок" in other_news(html(client, reader))
    edited.headline = "Новий заголовок"
    services.article_save(article=edited)
    assert "Новий заголовок" in html(client, edited)
    assert "Старий заголовок" not in html(client, edited)
    assert "Новий заголовок" in other_news(html(client, reader))


def test_new_tags_and_authors_show_at_once(client):
    article = ArticleFactory()
    html(client, article)
    author, tag = AuthorFactory(name="Ірина Бондар"), TagFactory(name="мости")
    services.article_save(article=article, authors=[author], tags=[tag])
    page = html(client, article)
    assert "Ірина Бондар" in page and "#мости" in page


@pytest.mark.parametrize("kind", ["section", "tag", "author", "source"])
def test_renamed_name_shows_on_every_stored_page(client, kind):
    section, tag, author, source = SectionFactory(), TagFactory(), AuthorFactory(), SourceFactory()
    named = {"section": section, "tag": tag, "author": author, "source": source}[kind]
    article = ArticleFactory(section=section, tags=[tag], authors=[author], sources=[source])
    reader = ArticleFactory(section=SectionFactory())
    html(client, article), html(client, reader)
    named.name = "Перейменовано"
    named.save()
    assert "Перейменовано" in html(client, article)
    if kind in ("section", "source"):  # shown on its card in «Інші новини» too
        assert "Перейменовано" in other_news(html(client, reader))


def test_new_section_shows_in_the_menu_of_stored_pages(client):
    article = ArticleFactory()
    html(client, article)
    SectionFactory(name="Новий розділ")
    assert "Новий розділ" in html(client, article)


def test_edited_photo_text_shows_at_once(client):
    photo = ImageFactory(alt_text="Старий опис")
    article = ArticleFactory(lead_image=photo)
    assert "Старий опис" in html(client, article)
    photo.alt_text = "Новий опис фото"
    image_update(image=photo)
    assert "Новий опис фото" in html(client, article)


def test_rating_shows_the_current_votes_without_any_edit(client):
    article = ArticleFactory()
    assert "Оцінок ще немає" in html(client, article)
    vote_cast(article_id=article.pk, reader="r1", stars=5)
    vote_cast(article_id=article.pk, reader="r2", stars=4)
    page = html(client, article)
    assert "Середня оцінка: 4,5 з 5 · 2 голоси" in page
    assert "голос" not in ArticleFragment.objects.get(article=article).rating_top


def test_changed_site_setting_renders_the_markup_again(client, settings):
    article = ArticleFactory()
    html(client, article)
    settings.SITE_URL = "https://novyny.example"
    assert 'href="https://novyny.example/news/' in html(client, article)


def test_preview_stores_nothing(admin_client):
    from shpalta.news.previews import preview_token

    article = ArticleFactory(status="draft", published_at=None)
    response = admin_client.get(f"/preview/{preview_token(article.pk)}/")
    assert response.status_code == 200
    assert "Попередній перегляд" in response.content.decode()
    assert not ArticleFragment.objects.exists()


def test_fill_command_stores_every_public_article_and_skips_fresh_ones(client):
    articles = ArticleFactory.create_batch(3)
    ArticleFactory(status="draft", published_at=None)
    call_command("fragments_render", "--batch", "2", stdout=io.StringIO(), stderr=io.StringIO())
    assert set(ArticleFragment.objects.values_list("article", flat=True)) == {
        a.pk for a in articles
    }
    with CaptureQueriesContext(connection) as queries:
        html(client, articles[0])
    assert not [q for q in queries if "INSERT" in q["sql"]]  # nothing left to render
    again = io.StringIO()
    call_command("fragments_render", stdout=again, stderr=io.StringIO())
    assert "розмітку 0 статей" in again.getvalue()


def test_fill_command_refuses_a_batch_of_nothing():
    with pytest.raises(SystemExit) as stopped:
        call_command("fragments_render", "--batch", "0")
    assert stopped.value.code == 2
