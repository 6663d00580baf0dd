from django.contrib.auth.models import Permission, User

from shpalta.api.tokens import api_token_create


def editor_token(*permissions: str, superuser: bool = False) -> tuple[User, str]:
    """A user with the given "app.codename" permissions and a fresh API token for them."""
    count = User.objects.count()
    user = User.objects.create_user(
        f"editor{count}", password=None, is_staff=True, is_superuser=superuser
    )
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    _row, token = api_token_create(user=user, name="тест")
    return user, token
