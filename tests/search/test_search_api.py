"""GET /api/v1/search/: the same search as the page, as JSON; errors as JSON too."""

import pytest

from tests.factories.news import ArticleFactory, SectionFactory

from .conftest import id_query_statements

pytestmark = pytest.mark.django_db


def test_search_api_finds_every_form(client, corpus):
    body = client.get("/api/v1/search/", {"q": "Умєрова"}).json()
    assert body["total"] == 4
    assert [item["headline"] for item in body["items"]] == [
        "Умєров прибув до Сеула",
        "Переговори у Вашингтоні",
        "Умєров: рік на посаді",
        "Новий бюджет ухвалено",
    ]
    first = body["items"][0]
    assert first["headline_html"] == "<mark>Умєров</mark> прибув до Сеула"
    assert first["section"]["slug"] == "svit"
    assert (body["page"], body["pages"], body["notices"]) == (1, 1, [])
    assert body["total_exact"] is True


def test_search_api_says_when_the_total_is_only_a_lower_bound(client, db, monkeypatch):
    from shpalta.search import backends, selectors

    monkeypatch.setattr(backends, "CANDIDATES", 2)
    monkeypatch.setattr(selectors, "CANDIDATES", 2)
    for n in range(3):
        ArticleFactory(headline=f"Бюджет, випуск {n}")
    body = client.get("/api/v1/search/", {"q": "бюджет"}).json()
    assert (body["total"], body["total_exact"], len(body["items"])) == (2, False, 2)


def test_search_api_filters_by_section(client, corpus):
    body = client.get("/api/v1/search/", {"q": "Умєров", "section": "polityka"}).json()
    assert [item["headline"] for item in body["items"]] == [
        "Переговори у Вашингтоні",
        "Новий бюджет ухвалено",
    ]


def test_search_api_only_stop_words_is_a_notice(client, corpus):
    body = client.get("/api/v1/search/", {"q": "і в та"}).json()
    assert body["items"] == [] and body["notices"][0]["code"] == "only_stop_words"


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"q": "Умєров", "page": "0"}, "page"),
        ({"q": "Умєров", "page": "51"}, "page"),
        ({"q": "Умєров", "date_from": "2026-13-40"}, "date_from"),
        ({"q": "Умєров", "date_from": "2026-05-02", "date_to": "2026-05-01"}, "пізніша"),
        ({"q": "Умєров", "section": "no such/section"}, "section"),
        ({"q": "Умєр\x00ов"}, "NUL"),
        ({"q": "x" * 1001}, "q"),
    ],
)
def test_search_api_bad_input_is_a_json_400(client, corpus, params, fragment):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400
    assert fragment in response.json()["error"]


@pytest.mark.parametrize("count", [1, 12])
def test_search_api_query_count_is_flat(client, django_assert_num_queries, count):
    section = SectionFactory(slug="svit", name="Світ")
    ArticleFactory.create_batch(count, headline="Сеул відповів", section=section)
    # matching ids, articles, their sources
    with django_assert_num_queries(id_query_statements() + 2):
        body = client.get("/api/v1/search/", {"q": "Сеул"}).json()
    assert len(body["items"]) == count
