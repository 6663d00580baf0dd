"""API tokens: made by a command, checked on every write request."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import ApiToken

TOKEN_PREFIX = "shp_"
# last_used_at is a hint for editors cleaning up old tokens, not an audit log: writing it at
# most once a minute keeps a busy tool from turning every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str = "") -> tuple[ApiToken, str]:
    """Returns the row and the token itself, which is never stored and cannot be shown again."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user, name=name, token_hash=_digest(token), prefix=token[:12]
    )
    return row, token


def api_token_user(*, token: str):
    """The active user a token belongs to, or None."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=_digest(token), user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


def user_by_username(username: str):
    return get_user_model().objects.filter(username=username).first()
