import pytest

from shpalta.news.models import SlugRedirect
from shpalta.news.services import SLUG_PROBE, unique_slug
from tests.factories.news import ArticleFactory

pytestmark = pytest.mark.django_db


def test_unique_slug_free_base_is_kept(django_assert_num_queries):
    with django_assert_num_queries(2):
        assert unique_slug("mist", article_id=None) == "mist"


def test_unique_slug_next_number_after_namesakes_and_old_addresses():
    ArticleFactory(slug="mist")
    old = ArticleFactory(slug="mist-3")
    SlugRedirect.objects.create(old_slug="mist-2", article=old)

    assert unique_slug("mist", article_id=None) == "mist-4"


def test_unique_slug_more_namesakes_than_the_probe():
    for _ in range(SLUG_PROBE + 2):
        ArticleFactory(headline="Міст", slug="")

    assert unique_slug("mist", article_id=None) == f"mist-{SLUG_PROBE + 3}"


def test_unique_slug_prefix_namesakes_do_not_count():
    ArticleFactory(slug="mist-kyiv")

    assert unique_slug("mist", article_id=None) == "mist"


def test_unique_slug_many_namesakes_stay_on_exact_probes(django_assert_num_queries):
    for n in range(1, SLUG_PROBE + 1):
        ArticleFactory(slug="mist" if n == 1 else f"mist-{n}")

    with django_assert_num_queries(4):  # two windows, two tables each; never a scan
        assert unique_slug("mist", article_id=None) == f"mist-{SLUG_PROBE + 1}"
