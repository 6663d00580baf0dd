from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shpalta.news.selectors import PINNED_COUNT, front_page, section_featured
from tests.factories.news import ArticleFactory, SectionFactory, draft
from tests.factories.newsroom import editor_user

from .conftest import login
from .forms import change_url, opened_form

pytestmark = pytest.mark.django_db


def hours_ago(hours: float):
    return timezone.now() - timedelta(hours=hours)


def test_front_page_shows_top_story_then_pinned_and_never_repeats_them(client):
    top = ArticleFactory(headline="Головна", is_top_story=True, published_at=hours_ago(5))
    pinned_old = ArticleFactory(
        headline="Закріплена давня", is_pinned=True, published_at=hours_ago(30)
    )
    latest = ArticleFactory(headline="Свіжа", published_at=hours_ago(0.5))
    draft(headline="Закріплена чернетка", is_pinned=True)

    front = front_page()
    assert front.top_story == top
    assert front.pinned == [pinned_old]
    assert [item.pk for item in front.latest] == [latest.pk]

    html = client.get("/").content.decode()
    assert "Закріплена чернетка" not in html
    assert html.index("Головна") < html.index("Закріплена давня") < html.index("Свіжа")
    assert '<p class="card-flag">Закріплено</p>' in html


def test_at_most_a_few_pinned_the_newest_first():
    pinned = [ArticleFactory(is_pinned=True, published_at=hours_ago(n + 1)) for n in range(5)]
    assert front_page().pinned == pinned[:PINNED_COUNT]


def test_a_story_both_top_and_pinned_is_shown_once_as_top():
    both = ArticleFactory(is_top_story=True, is_pinned=True)
    front = front_page()
    assert (front.top_story, front.pinned, front.latest) == (both, [], [])


def test_section_page_leads_with_its_top_and_pinned_stories(client, settings):
    settings.NEWS_PAGE_SIZE = 2
    section, other = SectionFactory(), SectionFactory()
    top = ArticleFactory(
        section=section, is_top_story=True, headline="Топ розділу", published_at=hours_ago(9)
    )
    pin = ArticleFactory(
        section=section, is_pinned=True, headline="Закріплена", published_at=hours_ago(8)
    )
    rest = [ArticleFactory(section=section, published_at=hours_ago(n)) for n in range(3)]
    ArticleFactory(section=other, is_pinned=True, headline="Закріплена в іншому")

    assert section_featured(section) == [top, pin]
    first = client.get(section.get_absolute_url())
    assert [item.pk for item in first.context["page"].items] == [rest[0].pk, rest[1].pk]
    html = first.content.decode()
    assert html.index("Топ розділу") < html.index("Закріплена") < html.index(rest[0].headline)
    assert "Закріплена в іншому" not in html
    second = client.get(section.get_absolute_url() + "?page=2")
    assert [item.pk for item in second.context["page"].items] == [rest[2].pk]
    assert "Топ розділу" not in second.content.decode()


def test_editor_pins_a_story_in_the_admin():
    client = login(editor_user())
    article = ArticleFactory()
    response = client.post(change_url(article), opened_form(client, article) | {"is_pinned": "on"})
    assert response.status_code == 302
    assert front_page().pinned == [article]


@pytest.mark.parametrize("url_of", ["front", "section"])
def test_query_count_is_flat_with_pinned_stories(client, url_of):
    section = SectionFactory()
    url = "/" if url_of == "front" else section.get_absolute_url()

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    ArticleFactory(section=section, is_pinned=True)
    ArticleFactory(section=section, is_top_story=True)
    ArticleFactory(section=section)
    one = count()
    for _ in range(10):
        ArticleFactory(section=section, is_pinned=True)
        ArticleFactory(section=section)
    assert count() == one
