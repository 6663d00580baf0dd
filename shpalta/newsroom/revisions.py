"""Every save of an article keeps a revision: who, when, which fields, and a full snapshot,
so two revisions can be compared as text and an old one restored."""

import difflib
import html
import re
from dataclasses import dataclass, field
from datetime import UTC

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from shpalta.news import services as news_services
from shpalta.news.models import Article, Author, Section, Source, Tag
from shpalta.ukrainian.dates import format_datetime

from .context import acting_as
from .models import Revision

FIELD_LABELS = {
    "headline": "Заголовок",
    "slug": "Адреса",
    "lede": "Лід",
    "body": "Текст",
    "status": "Стан",
    "published_at": "Час публікації",
    "section": "Розділ",
    "is_top_story": "Головна новина",
    "is_pinned": "Закріплено",
    "correction": "Виправлення",
    "authors": "Автори",
    "tags": "Теги",
    "sources": "Джерела",
    "image": "Зображення",
    "image_alt": "Опис зображення",
    "image_credit": "Автор фото",
}
# A change to these after publication is what readers see as «Оновлено …».
READER_VISIBLE_FIELDS = frozenset({"headline", "lede", "body", "correction"})
RESTORABLE_FIELDS = ("headline", "lede", "body", "correction", "image_alt", "image_credit")


def _named(queryset) -> list[dict]:
    return [
        {"id": pk, "name": name} for pk, name in queryset.order_by("name").values_list("id", "name")
    ]


def _utc(moment) -> str | None:
    """One spelling per instant: a form gives Kyiv time, the database gives UTC."""
    return moment.astimezone(UTC).isoformat() if moment else None


def article_snapshot(article: Article) -> dict:
    return {
        "headline": article.headline,
        "slug": article.slug,
        "lede": article.lede,
        "body": article.body,
        "status": article.status,
        "published_at": _utc(article.published_at),
        "section": {"id": article.section_id, "name": article.section.name},
        "is_top_story": article.is_top_story,
        "is_pinned": article.is_pinned,
        "correction": article.correction,
        "authors": _named(article.authors.all()),
        "tags": _named(article.tags.all()),
        "sources": _named(article.sources.all()),
        "image": article.image.name or "",
        "image_alt": article.image_alt,
        "image_credit": article.image_credit,
    }


@transaction.atomic
def revision_record(*, article: Article, user=None, note: str = "") -> Revision | None:
    """Called inside the writing transaction (the article row is already locked by its
    UPDATE, so numbers cannot collide). A save that changed nothing keeps no revision."""
    data = article_snapshot(article)
    last = article.revisions.order_by("-number").first()
    changed = [key for key in data if last is None or last.data.get(key) != data[key]]
    if last is not None and not changed:
        return None
    return Revision.objects.create(
        article=article,
        number=(last.number + 1) if last else 1,
        created_at=timezone.now(),
        user=user if getattr(user, "is_authenticated", False) else None,
        changed_fields=changed,
        data=data,
        note=note,
    )


@transaction.atomic
def revision_restore(*, revision: Revision, user) -> Article:
    """Bring back the words, people and topics of an old revision. Publication state, time
    and address stay as they are now: restoring text must not (un)publish anything."""
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    data = revision.data
    for name in RESTORABLE_FIELDS:
        setattr(article, name, data.get(name, ""))
    if Section.objects.filter(pk=data["section"]["id"]).exists():
        article.section_id = data["section"]["id"]
    relations = {
        name: list(model.objects.filter(pk__in=[item["id"] for item in data[name]]))
        for name, model in (("authors", Author), ("tags", Tag), ("sources", Source))
    }
    with acting_as(user, note=f"Відновлено версію №{revision.number}"):
        return news_services.article_save(article=article, **relations)


# Comparing -----------------------------------------------------------------------------

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption)>|<br\s*/?>|<hr\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def body_text_lines(body_html: str) -> list[str]:
    """The body as an editor reads it: one paragraph, heading or list item per line."""
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", body_html or "")))
    return [line.strip() for line in text.splitlines() if line.strip()]


def _display_lines(name: str, value) -> list[str]:
    if name == "body":
        return body_text_lines(value)
    if name in {"authors", "tags", "sources"}:
        return [item["name"] for item in value or []]
    if name == "section":
        return [value["name"]] if value else []
    if name == "status":
        return [Article.Status(value).label] if value else []
    if name == "published_at":
        return [format_datetime(parse_datetime(value))] if value else []
    if isinstance(value, bool):
        return ["так" if value else "ні"]
    return [line for line in str(value or "").splitlines() if line.strip()]


@dataclass
class DiffLine:
    kind: str  # "same", "removed", "added"
    parts: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) word runs


@dataclass
class FieldDiff:
    name: str
    label: str
    lines: list[DiffLine]


def _word_pair(old: str, new: str) -> tuple[DiffLine, DiffLine]:
    """A changed paragraph: mark only the words that changed inside it."""
    a, b = old.split(" "), new.split(" ")
    removed, added = DiffLine("removed"), DiffLine("added")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            removed.parts.append(("same", " ".join(a[i1:i2])))
            added.parts.append(("same", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            removed.parts.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            added.parts.append(("added", " ".join(b[j1:j2])))
    return removed, added


def diff_lines(old: list[str], new: list[str]) -> list[DiffLine]:
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            lines += [DiffLine("same", [("same", text)]) for text in old[i1:i2]]
        elif op == "replace" and i2 - i1 == j2 - j1:
            for before, after in zip(old[i1:i2], new[j1:j2], strict=True):
                lines += _word_pair(before, after)
        else:
            lines += [DiffLine("removed", [("removed", text)]) for text in old[i1:i2]]
            lines += [DiffLine("added", [("added", text)]) for text in new[j1:j2]]
    return lines


def revision_diff(older: Revision, newer: Revision) -> list[FieldDiff]:
    """Only the fields that differ, in the order an editor reads an article."""
    result = []
    for name, label in FIELD_LABELS.items():
        before, after = older.data.get(name), newer.data.get(name)
        if before == after:
            continue
        lines = diff_lines(_display_lines(name, before), _display_lines(name, after))
        result.append(FieldDiff(name=name, label=label, lines=lines))
    return result


def diff_as_text(fields: list[FieldDiff]) -> str:
    """The comparison as plain text (+ added, - removed), for logs and tests."""
    marks = {"same": " ", "removed": "-", "added": "+"}
    out = []
    for item in fields:
        out.append(f"## {item.label}")
        out += [f"{marks[line.kind]} {' '.join(t for _, t in line.parts)}" for line in item.lines]
    return "\n".join(out)


def changed_labels(revision: Revision) -> str:
    return ", ".join(FIELD_LABELS.get(name, name) for name in revision.changed_fields)
