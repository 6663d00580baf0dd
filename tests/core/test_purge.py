"""Every way an article change reaches the pages that show it, and the ways it must not."""

from datetime import timedelta

import pytest
import time_machine
from django.core.handlers.wsgi import WSGIHandler
from django.db import transaction
from django.utils import timezone

from shpalta.core import purge, scheduled
from shpalta.core.generations import generations_get
from shpalta.core.pagecache import FEEDS_TAG, SITEMAPS_TAG, PageCache, path_tag
from shpalta.core.purge import LATEST_TAG, Purge, article_tag
from shpalta.news import services
from shpalta.news.models import Article
from shpalta.ratings.services import vote_cast
from tests.core.conftest import Site
from tests.factories.news import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    draft,
)


@pytest.fixture
def site(db, wsgi_signals_quiet, settings):
    # One process here: its local copies are checked on every request, as another app
    # server's would be after at most PAGE_CACHE_LOCAL_CHECK_SECONDS.
    settings.PAGE_CACHE_LOCAL_CHECK_SECONDS = 0
    return Site(PageCache(WSGIHandler()))


@pytest.fixture
def world(db):
    hour_ago = timezone.now() - timedelta(hours=1)
    w = {name: SectionFactory() for name in ("s_old", "s_new", "s_other")}
    w |= {name: TagFactory() for name in ("t_old", "t_new", "t_other")}
    w |= {name: AuthorFactory() for name in ("a_old", "a_new", "a_other")}
    w["older"] = [
        ArticleFactory(section=w["s_other"], tags=[w["t_other"]], authors=[w["a_other"]])
        for _ in range(3)
    ]
    w["story"] = ArticleFactory(
        headline="Стара назва новини",
        section=w["s_old"],
        tags=[w["t_old"]],
        authors=[w["a_old"]],
        published_at=hour_ago + timedelta(minutes=30),
    )
    w["neighbour"] = ArticleFactory(section=w["s_other"], published_at=hour_ago)
    return w


LISTS = ("s_old", "s_new", "s_other", "t_old", "t_new", "t_other", "a_old", "a_new", "a_other")


def urls(world) -> dict[str, str]:
    return {
        "front": "/",
        "story": world["story"].get_absolute_url(),
        "neighbour": world["neighbour"].get_absolute_url(),
        **{name: world[name].get_absolute_url() for name in LISTS},
    }


def warm(site, addresses: dict[str, str]) -> None:
    for url in addresses.values():
        assert site.get(url).status_code == 200
        assert site.get(url).cache == "HIT"


def states(site, addresses: dict[str, str]) -> dict[str, str | None]:
    return {name: site.get(url).cache for name, url in addresses.items()}


def edit(article: Article, **changes) -> None:
    fresh = Article.objects.get(pk=article.pk)
    relations = {key: changes.pop(key) for key in ("tags", "authors") if key in changes}
    for field, value in changes.items():
        setattr(fresh, field, value)
    services.article_save(article=fresh, **relations)


def test_edit_purges_every_page_that_shows_the_story(
    site, world, django_capture_on_commit_callbacks
):
    addresses = urls(world)
    warm(site, addresses)
    feeds_before = generations_get([FEEDS_TAG, SITEMAPS_TAG])
    with django_capture_on_commit_callbacks(execute=True):
        edit(
            world["story"],
            headline="Нова назва новини",
            section=world["s_new"],
            tags=[world["t_new"]],
            authors=[world["a_new"]],
        )
    assert states(site, addresses) == {
        "front": "MISS",
        "story": "MISS",
        "neighbour": "MISS",  # shows the story in «Інші новини»
        "s_old": "MISS",
        "s_new": "MISS",
        "s_other": "HIT",
        "t_old": "MISS",
        "t_new": "MISS",
        "t_other": "HIT",
        "a_old": "MISS",
        "a_new": "MISS",
        "a_other": "HIT",
    }
    assert "Нова назва новини" in site.get(addresses["neighbour"]).text
    assert "Нова назва новини" in site.get(addresses["s_new"]).text
    assert "Нова назва новини" not in site.get(addresses["s_old"]).text
    feeds_after = generations_get([FEEDS_TAG, SITEMAPS_TAG])
    assert all(feeds_after[tag] != feeds_before[tag] for tag in feeds_before)


def test_edit_of_story_nobody_shows_keeps_other_article_pages(
    site, world, django_capture_on_commit_callbacks
):
    old = world["older"][0]
    recently = timezone.now() - timedelta(minutes=5)
    # «Інші новини» show the six latest: with seven newer stories the old one drops out
    newer = ArticleFactory.create_batch(7, published_at=recently)
    addresses = {"old": old.get_absolute_url(), "newest": newer[-1].get_absolute_url()}
    warm(site, addresses)
    with django_capture_on_commit_callbacks(execute=True):
        edit(old, headline="Виправлений заголовок")
    assert states(site, addresses) == {"old": "MISS", "newest": "HIT"}


def test_publish_refreshes_pages_listing_latest_stories(
    site, world, django_capture_on_commit_callbacks
):
    addresses = urls(world)
    warm(site, addresses)
    story = draft(headline="Щойно опубліковано", section=world["s_new"])
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=story)
    result = states(site, addresses)
    assert {name: result[name] for name in ("front", "story", "neighbour", "s_new")} == {
        "front": "MISS",
        "story": "MISS",  # every article page lists the latest stories
        "neighbour": "MISS",
        "s_new": "MISS",
    }
    assert result["s_old"] == result["t_old"] == result["a_old"] == "HIT"
    assert "Щойно опубліковано" in site.get("/").text


def test_unpublish_purges_and_page_is_gone(site, world, django_capture_on_commit_callbacks):
    addresses = urls(world)
    warm(site, addresses)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=Article.objects.get(pk=world["story"].pk))
    assert site.get(addresses["story"]).status_code == 404
    assert "Стара назва новини" not in site.get("/").text
    assert "Стара назва новини" not in site.get(addresses["neighbour"]).text
    assert "Стара назва новини" not in site.get(addresses["t_old"]).text
    assert "Стара назва новини" not in site.get(addresses["a_old"]).text


def test_rename_purges_old_address(site, world, django_capture_on_commit_callbacks):
    old_url = world["story"].get_absolute_url()
    warm(site, {"old": old_url})
    with django_capture_on_commit_callbacks(execute=True):
        edit(world["story"], slug="nova-adresa")
    answer = site.get(old_url)
    assert (answer.status_code, answer.headers["Location"]) == (301, "/news/nova-adresa/")


def test_delete_purges_its_pages(site, world, django_capture_on_commit_callbacks):
    addresses = urls(world)
    warm(site, addresses)
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.get(pk=world["story"].pk).delete()
    assert site.get(addresses["story"]).status_code == 404
    assert "Стара назва новини" not in site.get(addresses["t_old"]).text
    assert "Стара назва новини" not in site.get(addresses["neighbour"]).text


def test_draft_edit_purges_nothing(site, world, django_capture_on_commit_callbacks):
    addresses = urls(world)
    story = draft(section=world["s_old"], tags=[world["t_old"]])
    warm(site, addresses)
    with django_capture_on_commit_callbacks(execute=True):
        edit(story, headline="Ще чернетка")
    assert set(states(site, addresses).values()) == {"HIT"}


def test_scheduled_story_purges_nothing_until_due(site, world, django_capture_on_commit_callbacks):
    addresses = urls(world)
    story = draft(section=world["s_old"])
    warm(site, addresses)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=story, at=timezone.now() + timedelta(hours=2))
    assert set(states(site, addresses).values()) == {"HIT"}
    assert scheduled.next_due() == pytest.approx(story.published_at.timestamp())


def test_scheduled_story_refreshes_its_pages_when_due(
    site, world, django_capture_on_commit_callbacks
):
    addresses = urls(world)
    story = draft(headline="Заплановано на зараз", section=world["s_new"], tags=[world["t_new"]])
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=story, at=timezone.now() + timedelta(seconds=30))
    warm(site, addresses)
    assert "Заплановано на зараз" not in site.get("/").text
    # The story comes due, and this process's once-a-second look is due too. The clock is
    # moved rather than waited for, so a slow machine cannot let the story come due early.
    with time_machine.travel(timezone.now() + timedelta(seconds=32), tick=True):
        result = states(site, addresses)
        assert "Заплановано на зараз" in site.get("/").text
    assert {name: result[name] for name in ("front", "s_new", "t_new", "neighbour")} == {
        "front": "MISS",
        "s_new": "MISS",
        "t_new": "MISS",
        "neighbour": "MISS",  # «Інші новини» show the latest stories
    }
    assert result["s_other"] == result["a_other"] == "HIT"
    assert scheduled.next_due() == scheduled.NOTHING_DUE


def test_rescheduled_to_now_leaves_no_due_entry(world, django_capture_on_commit_callbacks):
    story = draft(section=world["s_old"])
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=story, at=timezone.now() + timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=Article.objects.get(pk=story.pk))
    assert scheduled.next_due() == scheduled.NOTHING_DUE


def test_vote_purges_no_page(site, world, django_capture_on_commit_callbacks):
    addresses = urls(world)
    warm(site, addresses)
    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(article_id=world["story"].pk, reader="a" * 32, stars=5)
    assert set(states(site, addresses).values()) == {"HIT"}


def test_rolled_back_edit_purges_nothing(site, world, django_capture_on_commit_callbacks):
    addresses = urls(world)
    warm(site, addresses)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        edit(world["story"], headline="Не збережеться")
        raise RuntimeError("editor's save failed")
    assert set(states(site, addresses).values()) == {"HIT"}


def test_section_rename_refreshes_every_page(site, world, django_capture_on_commit_callbacks):
    addresses = urls(world)
    warm(site, addresses)
    with django_capture_on_commit_callbacks(execute=True):
        world["s_other"].name = "Світ"
        world["s_other"].save()
    assert set(states(site, addresses).values()) == {"MISS"}


def test_purge_plan_exact_for_moved_story(world):
    story = Article.objects.get(pk=world["story"].pk)
    previous = services.ArticleState.load(story.pk)
    story.section = world["s_new"]
    story.slug = "inshyi-slug"
    story.save()
    story.tags.set([world["t_new"]])
    plan = purge.article_purge_plan(article=story, previous=previous)
    assert plan.paths == {
        "/",
        "/news/inshyi-slug/",
        world["story"].get_absolute_url(),
        world["s_old"].get_absolute_url(),
        world["s_new"].get_absolute_url(),
        world["t_old"].get_absolute_url(),
        world["t_new"].get_absolute_url(),
        world["a_old"].get_absolute_url(),
    }
    assert plan.tags == {FEEDS_TAG, SITEMAPS_TAG, article_tag(story.pk)}


def test_contributor_and_extra_groups_join_the_purge(world, django_capture_on_commit_callbacks):
    def entity_pages(*, article, previous):
        return Purge(paths={"/entity/kyiv/"}, tags={"entity:7"})

    purge.purge_contributor(entity_pages)
    try:
        before = generations_get([path_tag("/entity/kyiv/"), "entity:7", "search"])
        with django_capture_on_commit_callbacks(execute=True):
            purge.article_pages_purge(article=world["story"], previous=None, extra_tags=["search"])
        after = generations_get([path_tag("/entity/kyiv/"), "entity:7", "search"])
    finally:
        purge._contributors.remove(entity_pages)
    assert all(after[tag] != before[tag] for tag in before)


def test_latest_tag_bumped_only_when_list_membership_changes(world):
    story = Article.objects.get(pk=world["story"].pk)
    previous = services.ArticleState.load(story.pk)
    plan = purge.article_purge_plan(article=story, previous=previous)
    assert LATEST_TAG not in plan.tags
    gone = purge.article_purge_plan(article=story, previous=previous, deleted=True)
    assert LATEST_TAG in gone.tags
