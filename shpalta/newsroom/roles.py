"""The newsroom's three roles, as Django groups, and the questions the admin (and any API)
asks about a user. Groups are created by migration 0002_roles; superusers can do anything."""

AUTHOR = "автор"
EDITOR = "редактор"
CHIEF = "головний редактор"

_AUTHOR_PERMISSIONS = [
    "news.view_article", "news.add_article", "news.change_article",
    "news.view_section", "news.view_tag", "news.add_tag", "news.view_author", "news.view_source",
    "newsroom.view_comment", "newsroom.add_comment", "newsroom.view_revision",
]  # fmt: skip
_EDITOR_PERMISSIONS = [
    *_AUTHOR_PERMISSIONS,
    "news.delete_article", "news.change_tag", "news.add_source", "news.change_source",
    "newsroom.edit_any_article", "newsroom.publish_article",
    "newsroom.view_articlereview", "newsroom.change_articlereview",
    "newsroom.view_breakingnews", "newsroom.add_breakingnews", "newsroom.change_breakingnews",
    "newsroom.view_articleviewhour",
]  # fmt: skip
_CHIEF_PERMISSIONS = [
    *_EDITOR_PERMISSIONS,
    "news.add_section", "news.change_section", "news.delete_section",
    "news.add_author", "news.change_author", "news.delete_author",
    "news.delete_tag", "news.delete_source",
    "auth.view_user", "auth.add_user", "auth.change_user", "auth.view_group",
    "newsroom.delete_comment", "newsroom.delete_breakingnews",
]  # fmt: skip

ROLE_PERMISSIONS: dict[str, list[str]] = {
    AUTHOR: _AUTHOR_PERMISSIONS,
    EDITOR: _EDITOR_PERMISSIONS,
    CHIEF: _CHIEF_PERMISSIONS,
}


def can_edit_any(user) -> bool:
    return user.has_perm("newsroom.edit_any_article")


def can_publish(user) -> bool:
    return user.has_perm("newsroom.publish_article")


def owns(user, article) -> bool:
    """An author's own article: one they are credited on through their Author profile."""
    if not user.is_authenticated or article.pk is None:
        return False
    return article.authors.filter(user=user).exists()


def can_edit_article(user, article) -> bool:
    """Editors edit anything; an author edits only their own articles while still drafts."""
    if not user.has_perm("news.change_article"):
        return False
    if can_edit_any(user):
        return True
    return article.status == article.Status.DRAFT and owns(user, article)


def display_name(user) -> str:
    if user is None:
        return "розклад публікацій"
    return user.get_full_name() or user.get_username()


def author_for_user(user):
    """The byline of a newsroom user, created on their first article."""
    from django.db import transaction

    from shpalta.news.models import Author
    from shpalta.news.services import named_slug

    with transaction.atomic():
        author = Author.objects.filter(user=user).first()
        if author is None:
            name = display_name(user)
            author = Author.objects.create(name=name, slug=named_slug(Author, name), user=user)
        return author


def roles_sync(**kwargs) -> None:
    """After every migrate (and every test-database flush): make sure the three groups exist
    with at least their permissions. Only adds: a permission an administrator granted by
    hand is never taken away."""
    from django.contrib.auth.models import Group, Permission

    for role, names in ROLE_PERMISSIONS.items():
        wanted = {tuple(name.split(".", 1)) for name in names}
        permissions = [
            perm
            for perm in Permission.objects.select_related("content_type")
            if (perm.content_type.app_label, perm.codename) in wanted
        ]
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*permissions)
