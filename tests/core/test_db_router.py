"""Reads go to the replica alias, writes and editors' requests to the primary. In tests the
replica is a mirror of the test database (as Django's TEST MIRROR does): a second
connection to the same database, so which connection ran a query shows where it was routed."""

import pytest
from django.contrib.auth.models import User
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from shpalta.core.db_router import PRIMARY, REPLICA, PrimaryReplicaRouter, primary_only
from shpalta.news.models import Article
from tests.factories.news import ArticleFactory, draft
from tests.ratings.voting import cast

ROUTER = "shpalta.core.db_router.PrimaryReplicaRouter"
MIDDLEWARE = "shpalta.core.db_router.PrimaryForEditorsMiddleware"


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup, django_db_blocker):
    """Declared before the test's database access is set up, so tests may name it."""
    with django_db_blocker.unblock():
        mirror = dict(connections[PRIMARY].settings_dict)
    mirror["TEST"] = {**mirror.get("TEST", {}), "MIRROR": PRIMARY}
    connections.settings[REPLICA] = mirror
    yield
    connections[REPLICA].close()
    del connections.settings[REPLICA]
    delattr(connections._connections, REPLICA)


@pytest.fixture
def routed(settings):
    settings.DATABASE_ROUTERS = [ROUTER]
    settings.MIDDLEWARE = [MIDDLEWARE, *settings.MIDDLEWARE]


def _writes(queries) -> list[str]:
    verbs = ("INSERT", "UPDATE", "DELETE")
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(verbs)]


def test_router_sends_reads_to_replica_and_writes_to_primary():
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Article) == REPLICA
    assert router.db_for_write(Article) == PRIMARY
    with primary_only():
        assert router.db_for_read(Article) == PRIMARY
    assert router.allow_migrate(PRIMARY, "news") is True
    assert router.allow_migrate(REPLICA, "news") is False


pytestmark_db = pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])


@pytestmark_db
def test_reads_inside_a_write_transaction_stay_on_primary():
    router = PrimaryReplicaRouter()
    with transaction.atomic():
        assert router.db_for_read(Article) == PRIMARY


@pytestmark_db
def test_public_page_reads_only_from_replica(client, routed):
    article = ArticleFactory()
    # The first view stores the article's rendered markup, a write, on the primary.
    assert client.get(article.get_absolute_url()).status_code == 200
    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections[PRIMARY]) as on_primary,
    ):
        response = client.get(article.get_absolute_url())
        front = client.get("/")
    assert (response.status_code, front.status_code) == (200, 200)
    assert len(on_replica) >= 3
    assert len(on_primary) == 0


@pytestmark_db
def test_vote_writes_to_primary(client, routed):
    article = ArticleFactory()
    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections[PRIMARY]) as on_primary,
    ):
        assert cast(client, article, 4).status_code == 200
    assert _writes(on_primary)
    assert _writes(on_replica) == []
    assert len(on_replica) == 0  # a POST reads from the primary too: no stale totals


@pytestmark_db
def test_admin_reads_from_primary(client, routed):
    editor = User.objects.create_superuser("editor", "e@example.org", "Довгий-пароль-2026")
    client.force_login(editor)
    draft()
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        assert client.get("/admin/news/article/").status_code == 200
    assert len(on_replica) == 0
