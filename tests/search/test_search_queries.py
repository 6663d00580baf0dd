"""The same queries and the same expected results on SQLite (the default run) and on
PostgreSQL (DATABASE_URL=postgres://… run): the ranking is defined so both engines agree
row for row."""

from datetime import datetime, timedelta

import pytest

from shpalta.search.selectors import Notice, search_articles
from tests.factories.news import ArticleFactory, SectionFactory

from .conftest import NOW, story

pytestmark = pytest.mark.django_db


def headlines(query, **kwargs):
    kwargs.setdefault("now", NOW)
    return [hit.article.headline for hit in search_articles(query, **kwargs).hits]


def keys(corpus, query, **kwargs):
    by_headline = {article.headline: key for key, article in corpus.items()}
    return [by_headline[h] for h in headlines(query, **kwargs)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # headline+fresh, lede+fresh, headline but 40 days old, body only
        ("Умєров", ["A", "B", "J", "C"]),
        ("умєров", ["A", "B", "J", "C"]),
        ("Умєрова", ["A", "B", "J", "C"]),
        ("Умєровим", ["A", "B", "J", "C"]),
        ("Південна Корея", ["D", "A"]),
        ("Південної Кореї", ["D", "A"]),
        ("Корея", ["D", "I", "A"]),
        ("ув'язнені", ["E", "F"]),
        ("ув’язнених", ["E", "F"]),
        ("увʼязненими", ["E", "F"]),
        ("Сеул", ["A", "D"]),
        ("Умєров Сеул", ["A"]),
        ("Умєров у Сеулі", ["A"]),
        ("УМЄРОВ", ["A", "B", "J", "C"]),
        ("Умє\u0301ров", ["A", "B", "J", "C"]),
        ("Kорея", ["D", "I", "A"]),  # Latin K typed by mistake
        ("Умєров Вашингтон Корея", []),
        ("кімчі", ["I"]),
    ],
)
def test_search_articles_table(corpus, query, expected):
    assert keys(corpus, query) == expected


def test_search_articles_hide_drafts_and_future_articles(corpus):
    found = headlines("Умєров")
    assert "Умєров таємно зустрівся з послом Кореї" not in found
    assert "Умєров завтра відвідає Сеул" not in found


def test_search_articles_show_scheduled_article_once_due(corpus):
    later = NOW + timedelta(hours=3)
    assert "Умєров завтра відвідає Сеул" in headlines("Умєров", now=later)


def test_search_articles_total_and_scores(corpus):
    results = search_articles("Умєров", now=NOW)
    assert results.total == 4
    assert [round(hit.score, 6) for hit in results.hits] == [
        round(2 + 2 * 168 / (168 + 5), 6),
        round(1 + 2 * 168 / (168 + 2), 6),
        round(2 + 2 * 168 / (168 + 960), 6),
        round(0 + 2 * 168 / (168 + 1), 6),
    ]


def test_search_articles_fresh_story_beats_old_one_of_same_relevance(db):
    story("Повінь у Карпатах", hours_ago=24 * 30)
    story("Повінь на Закарпатті", hours_ago=3)
    assert headlines("повінь") == ["Повінь на Закарпатті", "Повінь у Карпатах"]


def test_search_articles_ties_go_to_the_higher_id(db):
    at = NOW - timedelta(hours=4)
    first = ArticleFactory(headline="Вибори мера", published_at=at)
    second = ArticleFactory(headline="Вибори мера: підсумки", published_at=at)
    assert headlines("вибори") == [second.headline, first.headline]


def test_search_articles_filter_by_section(corpus):
    assert keys(corpus, "Умєров", section="polityka") == ["B", "C"]


def test_search_articles_unknown_section_finds_nothing(corpus):
    assert headlines("Умєров", section="nemaie") == []


def test_search_articles_date_range_uses_kyiv_days(db):
    from shpalta.ukrainian.dates import KYIV

    late = ArticleFactory(
        headline="Нічне засідання", published_at=datetime(2026, 3, 10, 23, 30, tzinfo=KYIV)
    )
    early = ArticleFactory(
        headline="Ранкове засідання", published_at=datetime(2026, 3, 11, 0, 30, tzinfo=KYIV)
    )
    day = datetime(2026, 3, 10).date()
    next_day = datetime(2026, 3, 11).date()
    assert headlines("засідання", date_to=day) == [late.headline]
    assert headlines("засідання", date_from=next_day) == [early.headline]
    assert headlines("засідання", date_from=day, date_to=next_day) == [
        early.headline,
        late.headline,
    ]


def test_search_articles_pages(db):
    section = SectionFactory(slug="ekonomika", name="Економіка")
    for hour in range(5):
        story(f"Гривня, огляд № {hour}", hours_ago=hour + 1, section=section)
    first = search_articles("гривня", page_size=2, now=NOW)
    third = search_articles("гривня", page=3, page_size=2, now=NOW)
    beyond = search_articles("гривня", page=4, page_size=2, now=NOW)
    assert [h.article.headline for h in first.hits] == ["Гривня, огляд № 0", "Гривня, огляд № 1"]
    assert (first.total, first.last_page, first.has_next, first.has_previous) == (5, 3, True, False)
    assert [h.article.headline for h in third.hits] == ["Гривня, огляд № 4"]
    assert (third.has_next, third.has_previous) == (False, True)
    assert beyond.hits == [] and beyond.notices == [Notice.PAGE_OUT_OF_RANGE]


def test_search_articles_highlight_every_inflection(corpus):
    hits = {h.article.headline: h for h in search_articles("Умєров", now=NOW).hits}
    assert (
        str(hits["Умєров прибув до Сеула"].headline_html) == "<mark>Умєров</mark> прибув до Сеула"
    )
    assert "<mark>Умєрова</mark> супроводжували" in hits["Переговори у Вашингтоні"].snippet_html
    assert "з <mark>Умєровим</mark> та іншими" in hits["Новий бюджет ухвалено"].snippet_html


def test_search_articles_highlight_apostrophe_variants(corpus):
    hit = search_articles("ув'язнені", now=NOW).hits[0]
    assert str(hit.headline_html) == "<mark>Ув’язнені</mark> повернулися додому"
    assert "Серед <mark>увʼязнених</mark> були" in hit.snippet_html


def test_search_articles_story_repeating_a_name_beats_a_passing_mention(db):
    at = NOW - timedelta(hours=4)
    about = ArticleFactory(
        headline="Засідання уряду",
        body="<p>Умєров доповів про закупівлі. Згодом Умєрова підтримали колеги.</p>",
        published_at=at - timedelta(hours=1),
    )
    passing = ArticleFactory(
        headline="Засідання ради", body="<p>Серед гостей був і Умєров.</p>", published_at=at
    )
    assert headlines("Умєров") == [about.headline, passing.headline]


@pytest.fixture
def three_candidates(monkeypatch):
    """A candidate cap of 3, so "broad" needs only a handful of stories."""
    from shpalta.search import backends, selectors

    monkeypatch.setattr(backends, "CANDIDATES", 3)
    monkeypatch.setattr(selectors, "CANDIDATES", 3)


def budget_issues(*hours_ago):
    """One «Бюджет» story per age, headlines naming the age."""
    for hours in hours_ago:
        story(f"Бюджет, випуск за {hours} год", hours_ago=hours)


def budget_search(**kwargs):
    """(headlines of the first page, total, whether the total is exact) for «бюджет»."""
    results = search_articles("бюджет", now=NOW, **kwargs)
    return [hit.article.headline for hit in results.hits], results.total, results.total_exact


def issues_of(*hours_ago):
    return [f"Бюджет, випуск за {hours} год" for hours in hours_ago]


def test_broad_query_ranks_only_its_newest_matches_by_date_not_id(db, three_candidates):
    # Created newest first, so ids run against dates (an archive imported from a feed):
    # the newest matches by date must win, and the best-scoring old story is left out.
    budget_issues(1, 2, 3, 4)
    story("Бюджет: найдавніший, та в заголовку й лиді", lede="Бюджет", hours_ago=50)
    assert budget_search() == (issues_of(1, 2, 3), 3, False)


def test_query_within_the_cap_counts_exactly(db, three_candidates):
    for hours in (1, 2, 3):
        story(f"Бюджет, випуск за {hours} год", hours_ago=hours)
    results = search_articles("бюджет", now=NOW)
    assert (results.total, results.total_exact) == (3, True)


def test_filters_apply_before_the_cap(db, three_candidates):
    # Filtering after taking the newest three would leave the section's story out.
    culture = SectionFactory(slug="kultura", name="Культура")
    story("Бюджет театру", hours_ago=40, section=culture)
    for hours in (1, 2, 3, 4):
        story(f"Бюджет, випуск за {hours} год", hours_ago=hours)
    found = search_articles("бюджет", section="kultura", now=NOW)
    assert [hit.article.headline for hit in found.hits] == ["Бюджет театру"]
    assert (found.total, found.total_exact) == (1, True)


def test_moving_the_publication_date_moves_the_story_among_candidates(db, three_candidates):
    from shpalta.news import services

    old = story("Бюджет: давня історія", hours_ago=100)
    for hours in (1, 2, 3):
        story(f"Бюджет, випуск за {hours} год", hours_ago=hours)
    assert "Бюджет: давня історія" not in headlines("бюджет")
    old.published_at = NOW - timedelta(minutes=5)
    services.article_save(article=old)
    assert headlines("бюджет")[0] == "Бюджет: давня історія"


@pytest.fixture
def thin_slices(monkeypatch, three_candidates):
    """PostgreSQL looks for the newest matches in slices of the newest documents, widening
    them when a slice holds too few; with an hour-long first slice and a cap of 3, a handful
    of stories spread over weeks takes every widening (SQLite has no slices: the same
    answers come from its rank-key order, which these tests pin for both)."""
    from shpalta.search import backends

    monkeypatch.setattr(backends, "FIRST_SLICE_SECONDS", 3600)


def test_matches_spread_over_weeks_still_give_the_newest(db, thin_slices):
    budget_issues(2, 30, 200, 900, 2000)
    story("Погода", hours_ago=1)
    assert budget_search() == (issues_of(2, 30, 200), 3, False)


def test_a_quiet_archive_is_sliced_back_from_its_newest_story(db, thin_slices):
    # Nothing for a month: slices start at the newest story, not at an empty "now".
    budget_issues(800, 801, 802, 803)
    assert budget_search() == (issues_of(800, 801, 802), 3, False)


def test_rare_word_in_a_long_archive_counts_exactly(db, thin_slices):
    for hours in range(1, 40):
        story(f"Погода, випуск за {hours} год", hours_ago=hours)
    budget_issues(3000, 3100)
    assert budget_search() == (issues_of(3000, 3100), 2, True)


def test_date_range_in_the_past_is_sliced_within_it(db, thin_slices):
    budget_issues(10, 500, 501, 502, 503, 504)
    until = (NOW - timedelta(hours=400)).date()
    assert budget_search(date_to=until) == (issues_of(500, 501, 502), 3, False)


def test_search_leaves_the_planner_settings_as_it_found_them(db, corpus):
    # PostgreSQL: sequential scans are off for the search's own statements only, even
    # when the caller's transaction goes on after it (as this test's does).
    from django.db import connection

    assert search_articles("Умєров", now=NOW).hits
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"
