"""Reading JSON Lines in the shape of shared/data/uk-news, line by line: no Django here."""

import html
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from .errors import ImportFailed

REQUIRED = ("id", "title", "body")
OPTIONAL_TEXT = ("published", "source", "author", "url", "section")
KYIV = ZoneInfo("Europe/Kyiv")


def parse_record(raw: bytes, line: int) -> dict | None:
    """One line → a checked record, or None for a blank line. Raises ImportFailed naming
    the line and the reason."""
    try:
        text = raw.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"Рядок {line}: текст не в UTF-8 ({exc.reason}).") from None
    if not text:
        return None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"Рядок {line}: не JSON ({exc.msg}, позиція {exc.colno}).") from None
    if not isinstance(record, dict):
        raise ImportFailed(f"Рядок {line}: очікувався об’єкт JSON {{…}}.")
    for name in REQUIRED:
        value = record.get(name)
        if not isinstance(value, str) or not value.strip():
            raise ImportFailed(
                f"Рядок {line}: немає обов’язкового поля «{name}» (непорожній текст)."
            )
    for name in OPTIONAL_TEXT:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise ImportFailed(f"Рядок {line}: поле «{name}» має бути текстом або null.")
    record["published_at"] = parse_published(record.get("published"), line)
    return record


def parse_published(value: str | None, line: int) -> datetime | None:
    """ISO 8601 or a prefix of it: "2016" (BRUK gives only the year) is the start of 2016
    in Kyiv, "2016-05" the start of May."""
    if not value:
        return None
    value = value.strip()
    try:
        if len(value) == 4:
            return datetime(int(value), 1, 1, tzinfo=KYIV)
        if len(value) == 7:
            return datetime(int(value[:4]), int(value[5:7]), 1, tzinfo=KYIV)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ImportFailed(f"Рядок {line}: дата «{value}» не у форматі ISO 8601.") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=KYIV)


def paragraphs(body: str) -> str:
    """Plain text, a paragraph a line: escaped, so markup in the text stays text."""
    return "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in body.split("\n") if p.strip())


def iter_jsonl(stream):
    for line, raw in enumerate(stream, start=1):
        record = parse_record(raw, line)
        if record is not None:
            yield line, record
