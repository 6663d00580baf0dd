"""The /search/ page: results, filters, pagination, and every kind of bad input answered
with a normal page, never a 500 or an engine error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shpalta.search.selectors import MESSAGES, Notice, search_articles
from tests.factories.news import ArticleFactory, SectionFactory, SourceFactory

from .conftest import id_query_statements, story

pytestmark = pytest.mark.django_db


def page(client, query_string):
    response = client.get(f"/search/?{query_string}")
    assert response.status_code == 200
    return response.content.decode()


def test_search_page_lists_inflected_matches_with_highlights(client, corpus):
    html = page(client, "q=%D0%A3%D0%BC%D1%94%D1%80%D0%BE%D0%B2")  # Умєров
    assert "Знайдено 4 матеріали" in html
    assert "<mark>Умєров</mark> прибув до Сеула" in html
    assert "<mark>Умєровим</mark>" in html
    assert html.index("Умєров</mark> прибув до Сеула") < html.index("Переговори у Вашингтоні")


def test_search_page_says_more_than_when_only_the_newest_matches_were_ranked(
    client, db, monkeypatch
):
    from shpalta.search import backends, selectors

    monkeypatch.setattr(backends, "CANDIDATES", 2)
    monkeypatch.setattr(selectors, "CANDIDATES", 2)
    for hours in (1, 2, 3):
        story(f"Бюджет, випуск за {hours} год", hours_ago=hours)
    html = page(client, "q=%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82")  # бюджет
    assert "Знайдено понад 2 матеріали" in html


def test_search_page_header_box_posts_here(client):
    html = page(client, "")
    assert 'action="/search/" method="get"' in html
    assert MESSAGES[Notice.EMPTY] in html


def test_search_page_filters_by_section(client, corpus):
    html = page(client, "q=Умєров&section=polityka")
    assert "Знайдено 2 матеріали" in html
    assert "Умєров прибув до Сеула" not in html


def test_search_page_pagination_keeps_filters(client, db):
    section = SectionFactory(slug="ekonomika", name="Економіка")
    for hour in range(25):
        story(f"Гривня, огляд № {hour}", hours_ago=hour + 1, section=section)
    html = page(client, "q=гривня&section=ekonomika")
    assert "Сторінка 1 з 2" in html
    assert 'href="?q=%D0%B3%D1%80%D0%B8%D0%B2%D0%BD%D1%8F&amp;section=ekonomika&amp;page=2"' in html
    second = page(client, "q=гривня&section=ekonomika&page=2")
    assert "<mark>Гривня</mark>, огляд № 24<" in second
    assert "огляд № 0<" not in second


def test_search_page_escapes_html_in_text(client, db):
    story("Звіт про «AT&T»", body="Код &lt;script&gt;alert(1)&lt;/script&gt; і звіт")
    html = page(client, "q=звіт")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "«AT&amp;T»" in html


BAD_QUERIES = [
    ("empty", "q=", MESSAGES[Notice.EMPTY]),
    ("spaces", "q=%20%20%20", MESSAGES[Notice.EMPTY]),
    ("no q at all", "section=svit", MESSAGES[Notice.EMPTY]),
    ("stop words only", "q=і в та або що не", MESSAGES[Notice.ONLY_STOP_WORDS]),
    ("1000 characters", "q=" + "Умєров " * 143, MESSAGES[Notice.SHORTENED].format(words=8)),
    ("FTS NEAR", "q=NEAR(", MESSAGES[Notice.NOTHING_FOUND]),
    ("FTS quotes", 'q="Умєров', "Знайдено 4 матеріали"),
    ("FTS star", "q=Умєр*", MESSAGES[Notice.NOTHING_FOUND]),
    ("FTS minus", "q=-Умєров", "Знайдено 4 матеріали"),
    ("FTS column", "q=headline_terms:Умєров", MESSAGES[Notice.NOTHING_FOUND]),
    ("FTS OR", "q=Умєров OR Корея", MESSAGES[Notice.NOTHING_FOUND]),
    ("tsquery", "q=Умєров:* %26 !Корея | (", "Знайдено 1 матеріал"),
    ("SQL", "q=' OR 1=1; DROP TABLE news_article; --", MESSAGES[Notice.NOTHING_FOUND]),
    ("broken UTF-8", "q=%C3%28", MESSAGES[Notice.ONLY_STOP_WORDS]),
    ("only punctuation", "q=«»—…!?", MESSAGES[Notice.ONLY_STOP_WORDS]),
    ("emoji", "q=🔥🔥", MESSAGES[Notice.ONLY_STOP_WORDS]),
    ("page not a number", "q=Умєров&page=abc", "Знайдено 4 матеріали"),
    ("page huge", "q=Умєров&page=99999999999999999999", "Знайдено 4 матеріали"),
    ("page beyond results", "q=Умєров&page=7", MESSAGES[Notice.PAGE_OUT_OF_RANGE]),
    ("page beyond the cap", "q=Умєров&page=51", MESSAGES[Notice.PAGE_OUT_OF_RANGE]),
    ("unknown section", "q=Умєров&section=nemaie", "Такого розділу немає."),
    ("bad date", "q=Умєров&date_from=2026-13-45", "Дата має бути у вигляді"),
    ("SQL in date", "q=Умєров&date_to=2026-01-01'--", "Дата має бути у вигляді"),
    ("dates reversed", "q=Умєров&date_from=2026-05-02&date_to=2026-05-01", "пізніша"),
    ("broken UTF-8 in section", "q=Умєров&section=%C3%28", "Такого розділу немає."),
    ("repeated parameters", "q=Умєров&q=Корея", "Знайдено"),
]


@pytest.mark.parametrize(
    ("case", "query_string", "message"), BAD_QUERIES, ids=[c[0] for c in BAD_QUERIES]
)
def test_search_page_bad_input_gets_a_clear_page(client, corpus, case, query_string, message):
    html = page(client, query_string)
    assert message in html
    assert "syntax" not in html.lower() and "fts5" not in html.lower()


@pytest.mark.parametrize("query_string", ["q=%00Умєров", "q=Умєров&section=%00"])
def test_search_page_nul_byte_is_a_clear_400(client, corpus, query_string):
    # No text contains NUL: the site refuses it before any view (shpalta.core.middleware).
    response = client.get(f"/search/?{query_string}")
    assert response.status_code == 400
    assert "нульовий символ (NUL)" in response.content.decode()


def test_search_page_shortened_query_still_finds(client, corpus):
    html = page(client, "q=" + "Умєров " * 143)
    assert "Знайдено 4 матеріали" in html


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_search_articles_never_raise_on_any_text(corpus, text):
    results = search_articles(text)
    assert results.page == 1
    assert all(hit.article.status != "draft" for hit in results.hits)


@pytest.mark.parametrize("count", [1, 12])
def test_search_page_query_count_is_flat(client, django_assert_num_queries, count):
    section = SectionFactory(slug="svit", name="Світ")
    source = SourceFactory(name="Politico")
    for n in range(count):
        ArticleFactory(headline=f"Сеул, новина {n}", section=section, sources=[source])
    # sections for the filter, sections for the nav, matching ids, articles, their sources
    with django_assert_num_queries(id_query_statements() + 4):
        html = page(client, "q=Сеул")
    assert html.count('class="card search-hit"') == count
    assert "– Politico" in html


def test_search_page_past_the_end_links_to_first_page(client, corpus):
    html = page(client, "q=Умєров&page=7")
    assert (
        'href="?q=%D0%A3%D0%BC%D1%94%D1%80%D0%BE%D0%B2">До першої сторінки результатів</a>' in html
    )
