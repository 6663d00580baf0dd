import pytest
from django.contrib.auth import get_user_model

from shpalta.news.models import Article
from tests.factories.news import AuthorFactory, SectionFactory, draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.org", "x")
    client.force_login(user)
    return client


def test_editor_writes_and_publishes_article_in_admin(editor_client, client):
    section, author = SectionFactory(), AuthorFactory()
    response = editor_client.post(
        "/admin/news/article/add/",
        {
            "headline": "Редакція запустила новий сайт",
            "slug": "",
            "lede": "Короткий лід.",
            "body": "<p>Текст <script>x()</script>статті.</p>",
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
            "section": section.pk,
            "authors": [author.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert (article.slug, article.body) == (
        "redaktsiia-zapustyla-novyi-sait",
        "<p>Текст статті.</p>",
    )
    assert list(article.authors.all()) == [author]
    assert client.get(article.get_absolute_url()).status_code == 200


def test_admin_refuses_scheduled_without_time(editor_client):
    response = editor_client.post(
        "/admin/news/article/add/",
        {"headline": "Х", "status": "scheduled", "section": SectionFactory().pk},
    )
    assert response.status_code == 200
    assert "Для запланованої статті вкажіть час публікації." in response.content.decode()
    assert not Article.objects.exists()


def test_admin_publish_and_unpublish_actions(editor_client):
    article = draft()
    editor_client.post(
        "/admin/news/article/", {"action": "publish_now", "_selected_action": [article.pk]}
    )
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    editor_client.post(
        "/admin/news/article/", {"action": "unpublish", "_selected_action": [article.pk]}
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_admin_list_filters_and_search(editor_client):
    draft(headline="Пошукова чернетка")
    response = editor_client.get("/admin/news/article/?q=Пошукова&status__exact=draft")
    assert response.status_code == 200
    assert "Пошукова чернетка" in response.content.decode()


def test_admin_section_slug_made_from_name(editor_client):
    editor_client.post(
        "/admin/news/section/add/", {"name": "Наука і технології", "slug": "", "position": 1}
    )
    from shpalta.news.models import Section

    assert Section.objects.get().slug == "nauka-i-tekhnolohii"
