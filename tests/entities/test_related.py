"""«Інші новини»: stored on publish and edit, shared entities and rare words first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shpalta.entities import related
from shpalta.entities.models import ArticleProfile, RelatedArticle
from shpalta.news import services as news_services
from shpalta.news.models import Article
from shpalta.news.selectors import other_news_for
from tests.factories.news import ArticleFactory, draft

pytestmark = pytest.mark.django_db

SEOUL = (
    "<p>Міністр оборони Рустем Умєров прибув до Сеула на переговори про постачання "
    "снарядів. У Південній Кореї Умєрова зустрів міністр оборони Кім Йон Хьон.</p>"
)
SEOUL_2 = (
    "<p>Переговори Рустема Умєрова в Сеулі завершилися: Південна Корея розгляне "
    "постачання снарядів, повідомив Кім Йон Хьон.</p>"
)
BRIDGE = "<p>Міська рада Житомира ухвалила ремонт мосту через Тетерів до кінця року.</p>"
BUDGET = "<p>Бюджет Вінниці на наступний рік передбачає нові тролейбуси й ремонт шкіл.</p>"


def story(body, headline=None, **kwargs):
    """Factory articles share a default headline and lede; these share only `body`."""
    return ArticleFactory(body=body, headline=headline or body[3:60], lede="", **kwargs)


def other_ids(article):
    return [a.pk for a in other_news_for(article)]


def test_related_story_comes_first_then_latest():
    seoul = story(body=SEOUL, headline="Умєров у Сеулі")
    bridge = story(body=BRIDGE, headline="Ремонт мосту в Житомирі")
    seoul_2 = story(body=SEOUL_2, headline="Південна Корея розгляне постачання")
    budget = story(body=BUDGET, headline="Бюджет Вінниці")
    assert other_ids(seoul)[0] == seoul_2.pk
    assert set(other_ids(seoul)) == {seoul_2.pk, bridge.pk, budget.pk}
    assert other_ids(seoul_2)[0] == seoul.pk


def test_other_news_never_itself_nor_drafts_nor_future():
    seoul = story(body=SEOUL)
    secret = draft(body=SEOUL_2, lede="")
    future = ArticleFactory(
        body=SEOUL_2, status="scheduled", published_at=timezone.now() + timedelta(days=1)
    )
    ids = other_ids(seoul)
    assert seoul.pk not in ids and secret.pk not in ids and future.pk not in ids
    assert not RelatedArticle.objects.filter(related=secret).exists()


def test_scheduled_story_shows_once_its_time_has_come():
    seoul = story(body=SEOUL)
    future = story(
        body=SEOUL_2, status="scheduled", published_at=timezone.now() + timedelta(hours=2)
    )
    assert future.pk not in other_ids(seoul)
    # The clock moves on; no one edits anything.
    Article.objects.filter(pk=future.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    assert other_ids(seoul)[0] == future.pk
    assert other_ids(future)[0] == seoul.pk


def test_other_news_falls_back_to_latest_when_nothing_related():
    old = story(body=BRIDGE, published_at=timezone.now() - timedelta(days=3))
    newer = story(body=BUDGET, published_at=timezone.now() - timedelta(days=1))
    lonely = story(body="<p>Без жодного спільного слова: зорепад.</p>")
    assert other_ids(lonely) == [newer.pk, old.pk]


def test_earlier_story_list_refreshed_when_related_story_published():
    seoul = story(body=SEOUL)
    assert not RelatedArticle.objects.filter(article=seoul).exists()
    seoul_2 = story(body=SEOUL_2)
    assert list(RelatedArticle.objects.filter(article=seoul).values_list("related", flat=True)) == [
        seoul_2.pk
    ]


def test_unpublished_story_leaves_other_lists():
    seoul = story(body=SEOUL)
    seoul_2 = story(body=SEOUL_2)
    news_services.article_unpublish(article=seoul_2)
    assert not RelatedArticle.objects.filter(related=seoul_2).exists()
    assert not RelatedArticle.objects.filter(article=seoul_2).exists()
    assert seoul_2.pk not in other_ids(seoul)


def test_edit_that_removes_the_shared_topic_drops_the_link():
    seoul = story(body=SEOUL)
    seoul_2 = story(body=SEOUL_2)
    seoul_2.body = BRIDGE
    seoul_2.headline = "Ремонт мосту"
    news_services.article_save(article=seoul_2)
    # Still listed as one of the latest, but no longer as related.
    assert RelatedArticle.objects.get(article=seoul, related=seoul_2).score == 0.0


def test_young_archive_lists_fill_up_with_later_stories():
    first = story(body=SEOUL)
    later = [story(body=BRIDGE, headline=f"Міст {n}") for n in range(3)]
    assert set(other_ids(first)) == {a.pk for a in later}
    assert ArticleProfile.objects.get(article=first).related_count == 3


def test_other_news_count_is_six():
    [story(body=SEOUL, headline=f"Умєров у Сеулі {n}") for n in range(9)]
    article = story(body=SEOUL_2)
    assert len(other_news_for(article)) == 6


# The scoring itself -------------------------------------------------------------------------


def test_rank_rare_shared_term_beats_common_one():
    frequencies = {"l:рік": 90, "l:умєров": 2, "l:міст": 2}
    total = 100
    story = related.weigh({"l:рік": 1, "l:умєров": 1}, frequencies, total)
    others = {
        1: (related.weigh({"l:рік": 1, "l:міст": 1}, frequencies, total), None),
        2: (related.weigh({"l:умєров": 1, "l:міст": 1}, frequencies, total), None),
    }
    assert [pk for pk, _ in related.rank(story, others)] == [2, 1]


def test_rank_equal_stories_newer_to_the_story_wins():
    now = timezone.now()
    weights = {"e:умєров": 1.0}
    others = {1: (weights, now - timedelta(days=300)), 2: (weights, now - timedelta(days=2))}
    ranked = related.rank(weights, others, when=now)
    assert [pk for pk, _ in ranked] == [2, 1]
    assert ranked[0][1] == pytest.approx(0.5 ** (2 / related.HALF_LIFE_DAYS))


def test_rank_excludes_the_story_itself_and_unrelated():
    weights = {"e:сеул": 1.0}
    others = {1: (weights, None), 2: ({"e:київ": 1.0}, None)}
    assert related.rank(weights, others, exclude=1) == []


def test_story_terms_count_entities_and_headline_double():
    terms = related.story_terms("Сеул", "Переговори в Сеулі", ["рустем умєров"])
    assert terms["e:рустем умєров"] == related.ENTITY_BOOST
    assert terms["l:сеул"] == 1 + related.HEADLINE_BOOST
