"""Filters at the calendar's ends: a normal answer, never an overflow."""

import pytest

from tests.factories.news import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "q=%D0%BC%D1%96%D1%81%D1%82&date_from=0001-01-01",
        "q=%D0%BC%D1%96%D1%81%D1%82&date_to=9999-12-31",
        "q=%D0%BC%D1%96%D1%81%D1%82&date_from=0001-01-01&date_to=9999-12-31",
    ],
)
def test_dates_at_the_calendar_ends_are_results_not_500(client, query):
    ArticleFactory(headline="Новий міст відкрили")
    for prefix in ("/search/", "/api/v1/search/"):
        response = client.get(f"{prefix}?{query}")
        assert response.status_code == 200, (prefix, response.content[:300])
