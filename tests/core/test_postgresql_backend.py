"""The PostgreSQL backend's health check (shpalta.core.postgresql): no round trip for a
healthy idle connection, a new connection for one the server has closed."""

import time

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the health check is PostgreSQL's")
    connection.ensure_connection()


def _other_connection():
    import psycopg

    return psycopg.connect(**connection.get_connection_params(), autocommit=True)


def _terminate(pid: int) -> None:
    with _other_connection() as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    time.sleep(0.2)  # the server's farewell reaches the socket


def test_idle_healthy_connection_is_usable_without_a_query(postgresql):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'the page''s last query'")
    pid = connection.connection.info.backend_pid
    assert connection.is_usable() is True
    with _other_connection() as other:
        last = other.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        assert last.fetchone()[0] == "SELECT 'the page''s last query'"  # no SELECT 1 since
    assert connection.connection.info.backend_pid == pid


def test_connection_closed_by_the_server_is_replaced_before_the_next_request(postgresql):
    old_pid = connection.connection.info.backend_pid
    _terminate(old_pid)
    assert connection.is_usable() is False
    connection.close_if_unusable_or_obsolete()  # what every request starts with
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        new_pid = cursor.fetchone()[0]
    assert new_pid != old_pid


def test_article_page_queries_are_prepared_on_their_fifth_run(postgresql, client):
    from tests.factories.news import ArticleFactory

    article = ArticleFactory()
    ArticleFactory()
    for _ in range(6):
        assert client.get(article.get_absolute_url()).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('"news_articlefragment"."head"' in sql for sql in prepared), prepared


def test_prepared_statements_can_be_turned_off(monkeypatch):
    from shpalta.settings import database_from_env

    url = "postgres://shpalta@db.internal:5432/shpalta"
    monkeypatch.setenv("DATABASE_URL", url)
    options = database_from_env()["OPTIONS"]
    assert options["server_side_binding"] is True and options["prepare_threshold"] == 5
    monkeypatch.setenv("DATABASE_PREPARED", "0")
    assert "prepare_threshold" not in database_from_env().get("OPTIONS", {})
