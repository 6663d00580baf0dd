"""The public lists cost the same number of queries with one story or many."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories.news import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def _front_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_front_page_query_count_same_for_one_and_many(client):
    sections = SectionFactory.create_batch(3)
    ArticleFactory(section=sections[0], is_top_story=True)
    ArticleFactory(section=sections[1])  # one story in the list beside the top one
    one = _front_queries(client)
    for section in sections:
        ArticleFactory.create_batch(6, section=section)
    many = _front_queries(client)
    assert one == many


def test_front_page_section_blocks_newest_four_each(client):
    sections = SectionFactory.create_batch(2)
    stories = {section.pk: ArticleFactory.create_batch(6, section=section) for section in sections}
    page = client.get("/").context["front"]
    blocks = {section.pk: [a.pk for a in items] for section, items in page.section_blocks}
    # the factory publishes each next story a minute earlier: the first four are the newest
    assert blocks == {pk: [a.pk for a in items[:4]] for pk, items in stories.items()}


def test_front_page_top_story_is_newest_marked(client):
    now = timezone.now()
    ArticleFactory(is_top_story=True, published_at=now - timedelta(hours=3))
    ArticleFactory(published_at=now - timedelta(minutes=5))
    newest_top = ArticleFactory(is_top_story=True, published_at=now - timedelta(hours=1))
    assert client.get("/").context["front"].top_story.pk == newest_top.pk
