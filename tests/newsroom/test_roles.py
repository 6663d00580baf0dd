import pytest
from django.contrib.auth.models import Group

from shpalta.news.models import Article, Section
from shpalta.newsroom import roles
from tests.factories.news import ArticleFactory, SectionFactory, draft
from tests.factories.newsroom import author_user, byline, chief_user, editor_user

from .conftest import login
from .forms import change_url, opened_form

pytestmark = pytest.mark.django_db


def _perm_names(group_name):
    group = Group.objects.get(name=group_name)
    return sorted(
        f"{app}.{code}"
        for app, code in group.permissions.values_list("content_type__app_label", "codename")
    )


@pytest.mark.parametrize("role", [roles.AUTHOR, roles.EDITOR, roles.CHIEF])
def test_role_groups_are_created_by_migration_with_their_permissions(role):
    assert _perm_names(role) == sorted(set(roles.ROLE_PERMISSIONS[role]))


def test_roles_nest_author_inside_editor_inside_chief():
    author, editor, chief = (
        set(roles.ROLE_PERMISSIONS[name]) for name in (roles.AUTHOR, roles.EDITOR, roles.CHIEF)
    )
    assert author < editor < chief
    assert "newsroom.publish_article" not in author
    assert "news.add_section" not in editor and "news.add_section" in chief


# Author -----------------------------------------------------------------------------------


def test_author_writes_a_draft_credited_to_them_even_when_posting_published():
    user = author_user()
    response = login(user).post(
        "/admin/news/article/add/",
        {
            "headline": "Авторка написала чернетку",
            "lede": "Лід.",
            "body": "<p>Текст.</p>",
            "section": SectionFactory().pk,
            "status": "published",  # not a field for authors: ignored
            "is_top_story": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert (article.status, article.published_at, article.is_top_story) == ("draft", None, False)
    assert list(article.authors.all()) == [byline(user)]


def test_author_sees_only_own_articles_in_the_list():
    user = author_user()
    mine = draft(headline="Моя чернетка", authors=[byline(user)])
    draft(headline="Чужа чернетка")
    response = login(user).get("/admin/news/article/")
    assert response.status_code == 200
    assert [row.pk for row in response.context["cl"].result_list] == [mine.pk]


def test_author_cannot_open_someone_elses_article():
    other = draft(headline="Чужа чернетка")
    response = login(author_user()).get(change_url(other))
    assert response.status_code == 302  # the admin's "no such object" redirect
    assert response.url == "/admin/"


def test_author_edits_own_draft_but_not_own_published_article():
    user = author_user()
    client = login(user)
    own_draft = draft(authors=[byline(user)])
    published = ArticleFactory(authors=[byline(user)], headline="Вже на сайті")
    data = opened_form(client, own_draft) | {"headline": "Виправлений заголовок"}
    assert client.post(change_url(own_draft), data).status_code == 302
    own_draft.refresh_from_db()
    assert own_draft.headline == "Виправлений заголовок"

    view = client.get(change_url(published))
    assert view.status_code == 200 and not view.context["has_change_permission"]
    refused = client.post(change_url(published), {"headline": "Хочу змінити"})
    assert refused.status_code == 403
    published.refresh_from_db()
    assert published.headline == "Вже на сайті"


def test_author_has_no_publish_actions_and_posting_one_changes_nothing():
    user = author_user()
    client = login(user)
    article = draft(authors=[byline(user)])
    assert client.get("/admin/news/article/").context["action_form"] is None  # no actions
    client.post("/admin/news/article/", {"action": "publish_now", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_author_cannot_manage_sections():
    client = login(author_user())
    assert client.get("/admin/news/section/add/").status_code == 403
    assert client.post("/admin/news/section/add/", {"name": "Новий"}).status_code == 403
    assert not Section.objects.filter(name="Новий").exists()


# Editor -----------------------------------------------------------------------------------


def test_editor_edits_and_publishes_anyones_article():
    client = login(editor_user())
    article = draft(headline="Чернетка автора")
    data = opened_form(client, article) | {"headline": "Відредаговано", "status": "published"}
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Відредаговано", "published")
    assert article.is_public


def test_editor_publish_action_works():
    client = login(editor_user())
    article = draft()
    actions = client.get("/admin/news/article/").context["action_form"].fields["action"].choices
    assert {"publish_now", "unpublish", "make_breaking"} <= {name for name, _ in actions}
    client.post("/admin/news/article/", {"action": "publish_now", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_editor_cannot_manage_sections_or_people():
    client = login(editor_user())
    assert client.get("/admin/news/section/add/").status_code == 403
    assert client.get("/admin/news/author/add/").status_code == 403
    assert client.get("/admin/auth/user/").status_code == 403


# Chief editor -----------------------------------------------------------------------------


def test_chief_editor_manages_sections_and_people():
    client = login(chief_user())
    response = client.post(
        "/admin/news/section/add/", {"name": "Наука", "slug": "", "description": "", "position": 3}
    )
    assert response.status_code == 302
    assert Section.objects.filter(name="Наука").exists()
    assert client.get("/admin/auth/user/").status_code == 200
    assert client.get("/admin/news/author/add/").status_code == 200


def test_chief_editor_publishes_like_an_editor():
    client = login(chief_user())
    article = draft()
    client.post("/admin/news/article/", {"action": "publish_now", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


# The questions an API asks too ------------------------------------------------------------


def test_can_edit_article_by_role_and_state():
    author, editor = author_user(), editor_user()
    own_draft = draft(authors=[byline(author)])
    own_published = ArticleFactory(authors=[byline(author)])
    others_draft = draft()
    assert [
        roles.can_edit_article(author, own_draft),
        roles.can_edit_article(author, own_published),
        roles.can_edit_article(author, others_draft),
        roles.can_edit_article(editor, own_published),
        roles.can_edit_article(editor, others_draft),
    ] == [True, False, False, True, True]
    assert (roles.can_publish(author), roles.can_publish(editor)) == (False, True)


def test_roles_are_restored_after_a_migrate_without_losing_hand_grants():
    from django.contrib.auth.models import Permission
    from django.core.management import call_command

    author = Group.objects.get(name=roles.AUTHOR)
    extra = Permission.objects.get(codename="add_section")
    author.permissions.add(extra)
    author.permissions.remove(Permission.objects.get(codename="add_article"))
    Group.objects.filter(name=roles.EDITOR).delete()

    call_command("migrate", verbosity=0)

    assert "news.add_article" in _perm_names(roles.AUTHOR)
    assert "news.add_section" in _perm_names(roles.AUTHOR)
    assert _perm_names(roles.EDITOR) == sorted(set(roles.ROLE_PERMISSIONS[roles.EDITOR]))
