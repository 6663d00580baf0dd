"""Prepared queries: compiled once, run with new arguments, the same rows as the ORM."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from shpalta.core.prepared import IdList, Prepared, _faster, _sqlite_datetime
from shpalta.news.models import Article
from tests.factories.news import ArticleFactory, draft

pytestmark = pytest.mark.django_db

PUBLIC_BY_SLUG = Prepared(
    lambda slug, now: (
        Article.objects.published(now)
        .filter(slug=slug)
        .values_list("id", "headline", "published_at", "is_pinned")
    ),
    slug=str,
    now=datetime,
)
BY_IDS = Prepared(
    lambda ids: Article.objects.filter(pk__in=ids).order_by("id").values_list("id", flat=False),
    ids=IdList(3),
)


def test_rows_match_the_orm_with_converted_values():
    story = ArticleFactory(headline="Умєров: «ув’язнені» повернулися", is_pinned=True)
    rows = PUBLIC_BY_SLUG.rows(slug=story.slug, now=timezone.now())
    expected = list(
        Article.objects.filter(pk=story.pk).values_list(
            "id", "headline", "published_at", "is_pinned"
        )
    )
    assert rows == expected
    assert rows[0][2].tzinfo is not None and rows[0][3] is True  # a datetime and a bool, as the ORM


def test_each_call_uses_its_own_arguments():
    first, second = ArticleFactory(), ArticleFactory()
    now = timezone.now()
    assert PUBLIC_BY_SLUG.rows(slug=first.slug, now=now)[0][0] == first.pk
    assert PUBLIC_BY_SLUG.rows(slug=second.slug, now=now)[0][0] == second.pk
    assert PUBLIC_BY_SLUG.rows(slug="no-such-story", now=now) == []


def test_the_moment_is_an_argument_too():
    story = ArticleFactory()
    before = story.published_at - timedelta(minutes=1)
    assert PUBLIC_BY_SLUG.rows(slug=story.slug, now=before) == []
    hidden = draft()
    assert PUBLIC_BY_SLUG.rows(slug=hidden.slug, now=timezone.now()) == []


def test_id_lists_are_padded_with_an_id_no_row_has():
    stories = ArticleFactory.create_batch(3)
    padded = [stories[0].pk, IdList.NONE, IdList.NONE]
    assert BY_IDS.rows(ids=padded) == [(stories[0].pk,)]
    assert BY_IDS.rows(ids=[s.pk for s in stories]) == [(s.pk,) for s in stories]


def test_one_query_each_call_and_the_same_sql():
    story = ArticleFactory()
    PUBLIC_BY_SLUG.rows(slug=story.slug, now=timezone.now())
    with CaptureQueriesContext(connection) as first:
        PUBLIC_BY_SLUG.rows(slug=story.slug, now=timezone.now())
    with CaptureQueriesContext(connection) as second:
        PUBLIC_BY_SLUG.rows(slug="other", now=timezone.now())
    assert len(first) == len(second) == 1


def test_an_argument_the_query_never_uses_is_refused_at_compile_time():
    unused = Prepared(lambda slug: Article.objects.values_list("id"), slug=str)
    with pytest.raises(ValueError, match="slug"):
        unused.rows(slug="x")


@given(moment=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)))
def test_sqlite_datetimes_read_as_django_reads_them(moment):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite stores datetimes as text")
    converter = _faster(connection.ops.convert_datetimefield_value, connection)
    assert converter is _sqlite_datetime
    stored = connection.ops.adapt_datetimefield_value(moment.replace(tzinfo=UTC))
    # A column hands over a naive datetime (the sqlite3 module parsed it), an expression text.
    for value in (datetime.fromisoformat(stored), stored):
        django_reads = connection.ops.convert_datetimefield_value(value, None, connection)
        ours = converter(value, None, connection)
        assert (ours, ours.utcoffset()) == (django_reads, django_reads.utcoffset())
    assert converter(None, None, connection) is None


def test_article_dates_read_through_prepared_are_aware_and_exact():
    article = ArticleFactory()
    query = Prepared(
        lambda pk: Article.objects.filter(pk=pk).values_list("published_at", "updated_at"),
        pk=int,
    )
    row = query.rows(pk=article.pk)[0]
    assert row == (article.published_at, article.updated_at)
    assert all(moment.utcoffset() == timedelta(0) for moment in row)
