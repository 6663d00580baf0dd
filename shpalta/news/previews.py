"""Preview addresses for unpublished articles: a signed, expiring token instead of the
article's number, so a draft's address cannot be guessed by counting, and a link that leaks
from a chat stops working after a week. Staff login is required on top."""

from django.core import signing

SALT = "shpalta.news.preview"
MAX_AGE = 60 * 60 * 24 * 7


def preview_token(article_id: int) -> str:
    return signing.dumps(article_id, salt=SALT, compress=False)


def article_id_from_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return value if isinstance(value, int) else None
