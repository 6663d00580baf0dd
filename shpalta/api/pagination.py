"""Cursor pagination: the cursor carries the sort key of the last row shown, so the next
page is a keyset query (fast at any depth, and stable while new articles arrive), unlike
OFFSET, which slows down with depth and repeats rows when the list shifts."""

import base64
import binascii
import json
from datetime import datetime

from ninja.errors import HttpError

BAD_CURSOR = "Неправильний cursor: беріть його лише з next_cursor попередньої відповіді."


def encode(values: list) -> str:
    raw = json.dumps(values, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> list:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise HttpError(400, BAD_CURSOR) from error
    if not isinstance(values, list):
        raise HttpError(400, BAD_CURSOR)
    return values


def decode_article_cursor(cursor: str) -> tuple[datetime, int]:
    """(published_at, id) of the last article of the previous page."""
    values = _decode(cursor)
    try:
        published_at, article_id = values
        moment = datetime.fromisoformat(published_at)
    except (TypeError, ValueError) as error:
        raise HttpError(400, BAD_CURSOR) from error
    if moment.tzinfo is None or type(article_id) is not int:
        raise HttpError(400, BAD_CURSOR)
    return moment, article_id


def decode_slug_cursor(cursor: str) -> str:
    values = _decode(cursor)
    if len(values) != 1 or not isinstance(values[0], str) or len(values[0]) > 200:
        raise HttpError(400, BAD_CURSOR)
    return values[0]
