import pytest
from django.contrib.auth.models import User

from shpalta.importers.models import ImportedItem, LegacyRedirect
from tests.factories.news import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(User.objects.create_superuser("editor", "e@example.com", "x"))
    return client


@pytest.mark.parametrize("count", [1, 15])
def test_admin_imported_items_list_query_count_is_flat(
    editor_client, django_assert_max_num_queries, count
):
    for n in range(count):
        article = ArticleFactory()
        ImportedItem.objects.create(
            importer="feed", origin="В", external_id=str(n), article=article
        )
        LegacyRedirect.objects.create(old_path=f"/old/{n}/", article=article)

    with django_assert_max_num_queries(12):
        assert editor_client.get("/admin/importers/importeditem/").status_code == 200
    with django_assert_max_num_queries(12):
        assert editor_client.get("/admin/importers/legacyredirect/").status_code == 200
