from datetime import timedelta

import pytest
from django.core.management import call_command

from shpalta import cli
from shpalta.news.models import Article
from shpalta.news.signals import article_changed
from shpalta.newsroom.models import Revision
from tests.factories.news import ArticleFactory, SectionFactory
from tests.factories.newsroom import editor_user

from .conftest import KYIV_14_00, login
from .forms import change_url, opened_form

pytestmark = pytest.mark.django_db


def scheduled_at(moment, **kwargs) -> Article:
    return ArticleFactory(status=Article.Status.SCHEDULED, published_at=moment, **kwargs)


@pytest.fixture
def announced():
    """What listeners (cache purge, search index) hear: (headline, status, was_public)."""
    heard = []

    def listener(sender, *, article, previous, **kwargs):
        heard.append((article.headline, article.status, previous and previous.was_public))

    article_changed.connect(listener, dispatch_uid="test-scheduling")
    yield heard
    article_changed.disconnect(dispatch_uid="test-scheduling")


def _publish_due(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("publish_due", *args, stdout=out)
    return out.getvalue()


def test_scheduled_story_is_public_at_its_minute_with_no_timer_run(clock, client):
    section = SectionFactory()
    article = scheduled_at(KYIV_14_00 + timedelta(minutes=10), headline="О 14:10", section=section)
    pages = ["/", section.get_absolute_url()]

    clock.move_to(KYIV_14_00 + timedelta(minutes=9, seconds=59))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert all("О 14:10" not in client.get(url).content.decode() for url in pages)

    clock.move_to(KYIV_14_00 + timedelta(minutes=10))
    assert client.get(article.get_absolute_url()).status_code == 200
    assert all("О 14:10" in client.get(url).content.decode() for url in pages)


def test_publish_due_flips_only_what_is_due_and_announces_it_as_new(clock, announced):
    first = scheduled_at(KYIV_14_00 + timedelta(minutes=10), headline="Перша")
    second = scheduled_at(KYIV_14_00 + timedelta(minutes=30), headline="Друга")
    announced.clear()

    clock.move_to(KYIV_14_00 + timedelta(minutes=9, seconds=30))
    assert _publish_due() == "Опубліковано за розкладом: 0\n"

    clock.move_to(KYIV_14_00 + timedelta(minutes=10, seconds=20))
    assert _publish_due() == ("Опубліковано за розкладом: 1\n  28 листопада 2026, 14:10  Перша\n")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.published_at) == ("published", KYIV_14_00 + timedelta(minutes=10))
    assert second.status == "scheduled"
    # was_public=False: pages cached before 14:10 do not list it, whatever the clock says.
    assert announced == [("Перша", "published", False)]
    assert _publish_due() == "Опубліковано за розкладом: 0\n"


def test_a_late_timer_keeps_the_scheduled_time(clock):
    article = scheduled_at(KYIV_14_00 + timedelta(minutes=10))
    clock.move_to(KYIV_14_00 + timedelta(minutes=17))
    _publish_due()
    article.refresh_from_db()
    assert (article.status, article.published_at) == (
        "published",
        KYIV_14_00 + timedelta(minutes=10),
    )
    revision = article.revisions.order_by("-number").first()
    assert (revision.user, revision.note, revision.changed_fields) == (
        None,
        "Опубліковано за розкладом",
        ["status"],
    )


def test_dry_run_lists_due_articles_and_changes_nothing(clock):
    article = scheduled_at(KYIV_14_00 + timedelta(minutes=1), headline="Скоро")
    clock.shift(timedelta(minutes=2))
    assert _publish_due("--dry-run") == "До публікації: 1\n  28 листопада 2026, 14:01  Скоро\n"
    article.refresh_from_db()
    assert article.status == "scheduled"


def test_hyphenated_command_name_from_the_docs_is_the_same_command():
    assert cli.resolve(["publish-due", "--dry-run"]) == ["publish_due", "--dry-run"]
    assert cli.resolve(["migrate"]) == ["migrate"]
    assert cli.resolve([]) == []


def test_two_editors_schedule_and_reschedule_then_the_timer_publishes(clock, client):
    olena = login(editor_user("olena", first_name="Олена", last_name="Коваль"))
    taras = login(editor_user("taras", first_name="Тарас", last_name="Мельник"))
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, headline="Сесія")

    olena.post(
        change_url(article),
        opened_form(olena, article)
        | {"status": "scheduled", "published_at_0": "28.11.2026", "published_at_1": "14:30:00"},
    )
    clock.shift(timedelta(minutes=10))
    taras.post(
        change_url(article),
        opened_form(taras, article)
        | {"published_at_0": "28.11.2026", "published_at_1": "14:20:00"},
    )
    article.refresh_from_db()
    assert (article.status, article.published_at) == (
        "scheduled",
        KYIV_14_00 + timedelta(minutes=20),
    )

    clock.move_to(KYIV_14_00 + timedelta(minutes=19, seconds=59))
    assert client.get(article.get_absolute_url()).status_code == 404
    clock.move_to(KYIV_14_00 + timedelta(minutes=20))
    assert client.get(article.get_absolute_url()).status_code == 200
    clock.move_to(KYIV_14_00 + timedelta(minutes=20, seconds=40))
    _publish_due()
    who = list(
        Revision.objects.filter(article=article)
        .order_by("number")
        .values_list("user__username", "changed_fields")
    )
    assert who[1:] == [
        ("olena", ["status", "published_at"]),
        ("taras", ["published_at"]),
        (None, ["status"]),
    ]
