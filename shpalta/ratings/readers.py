"""Who is voting: a random id in a signed cookie. No IP address or account is involved."""

import uuid

from django.conf import settings
from django.core import signing

SALT = "shpalta.reader"


def reader_from(request) -> str | None:
    try:
        value = request.get_signed_cookie(settings.READER_COOKIE_NAME, default=None, salt=SALT)
    except signing.BadSignature:
        return None
    return value if value and len(value) == 32 else None


def new_reader_id() -> str:
    return uuid.uuid4().hex


def remember_reader(response, reader: str) -> None:
    response.set_signed_cookie(
        settings.READER_COOKIE_NAME,
        reader,
        salt=SALT,
        max_age=settings.READER_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
