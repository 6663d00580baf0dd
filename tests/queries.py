"""Counting the queries a page costs, to show the count does not grow with its items."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str, **extra) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return len(context)


def reader_queries_for(client, url: str, **extra) -> int:
    """What a reader's view costs once the page's stored markup is there: the first view
    after a change renders and stores it (shpalta.news.fragments), and is counted apart."""
    queries_for(client, url, **extra)
    return queries_for(client, url, **extra)
