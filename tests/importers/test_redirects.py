import pytest

from shpalta.importers.models import LegacyRedirect
from tests.factories.news import ArticleFactory, SectionFactory, draft, scheduled

pytestmark = pytest.mark.django_db


def test_legacy_redirect_old_path_gives_301_to_article(client, django_assert_num_queries):
    article = ArticleFactory(slug="mist-vidkryly")
    LegacyRedirect.objects.create(old_path="/2021/03/міст-відкрили/", article=article)

    with django_assert_num_queries(1):
        response = client.get(
            "/2021/03/%D0%BC%D1%96%D1%81%D1%82-%D0%B2%D1%96%D0%B4%D0%BA%D1%80%D0%B8%D0%BB%D0%B8"
        )

    assert (response.status_code, response["Location"]) == (301, "/news/mist-vidkryly/")


def test_legacy_redirect_follows_a_later_rename(client):
    article = ArticleFactory(slug="persha")
    LegacyRedirect.objects.create(old_path="/?p=7", article=article)
    article.slug = "druha"
    article.save()

    response = client.get("/?p=7")

    assert (response.status_code, response["Location"]) == (301, "/news/druha/")


@pytest.mark.parametrize("make", [draft, scheduled])
def test_legacy_redirect_to_unpublished_article_is_404(client, make):
    LegacyRedirect.objects.create(old_path="/2021/03/hidden/", article=make())

    assert client.get("/2021/03/hidden/").status_code == 404


def test_legacy_redirect_for_a_section(client):
    section = SectionFactory(slug="polityka")
    LegacyRedirect.objects.create(
        old_path="/category/політика/", target_url=section.get_absolute_url()
    )

    response = client.get("/category/%D0%BF%D0%BE%D0%BB%D1%96%D1%82%D0%B8%D0%BA%D0%B0/")

    assert (response.status_code, response["Location"]) == (301, "/section/polityka/")


def test_legacy_redirect_unknown_path_stays_404(client):
    assert client.get("/2021/03/nemaie/").status_code == 404


def test_legacy_redirect_not_consulted_for_live_pages(client):
    article = ArticleFactory(slug="zhyva")
    LegacyRedirect.objects.create(old_path="/news/zhyva/", target_url="/elsewhere/")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200


def test_legacy_redirect_post_request_is_not_redirected(client):
    LegacyRedirect.objects.create(old_path="/old/", target_url="/section/x/")

    assert client.post("/old/").status_code in (403, 404)
