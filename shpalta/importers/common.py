"""What every importer shares: the failure it reports, the tally it prints, the lookups of
sections, tags, authors and sources, and the one way an imported article is written."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from shpalta.news.models import Article, Author, Section, Source, Tag
from shpalta.news.services import article_notify, article_save, named_slug
from shpalta.ukrainian.plurals import plural_form

from .errors import ImportFailed  # noqa: F401  (re-exported for the importers)
from .models import ImportedItem

DEFAULT_SECTION = "Новини"


def counted(n: int, one: str, few: str, many: str) -> str:
    return f"{n} {plural_form(n, one, few, many)}"


@dataclass
class ImportReport:
    created: int = 0
    already_imported: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason → how many
    new_objects: Counter = field(default_factory=Counter)  # "автори" → how many created
    redirects: int = 0

    def summary(self) -> str:
        parts = [
            "Імпортовано " + counted(self.created, "статтю", "статті", "статей"),
            "уже були раніше: " + str(self.already_imported),
        ]
        parts += [f"{reason}: {n}" for reason, n in sorted(self.skipped.items())]
        parts += [f"нових {what}: {n}" for what, n in sorted(self.new_objects.items())]
        if self.redirects:
            parts.append("переспрямувань зі старих адрес: " + str(self.redirects))
        return "; ".join(parts) + "."


class Catalogue:
    """Sections, tags, authors and sources by name, found or created once per run.

    Matching is by exact name, the way editors see them; a new one gets a KMU-2010 slug."""

    def __init__(self, report: ImportReport):
        self.report = report
        self._cache: dict[tuple[type, str], object] = {}

    def _named(self, model, label: str, name: str, slug_hint: str = "", **extra):
        key = (model, name)
        if key not in self._cache:
            found = model.objects.filter(name=name).first()
            if found is None:
                slug = named_slug(model, slug_hint or name)
                found = model.objects.create(name=name, slug=slug, **extra)
                self.report.new_objects[label] += 1
            self._cache[key] = found
        return self._cache[key]

    def section(self, name: str, slug_hint: str = "", description: str = "") -> Section:
        return self._named(Section, "розділів", name[:100], slug_hint, description=description)

    def tag(self, name: str, slug_hint: str = "") -> Tag:
        return self._named(Tag, "тегів", name[:100], slug_hint)

    def author(self, name: str) -> Author:
        return self._named(Author, "авторів", name[:200])

    def source(self, name: str, url: str = "") -> Source:
        key = (Source, name)
        if key not in self._cache:
            found, created = Source.objects.get_or_create(name=name[:200], defaults={"url": url})
            self.report.new_objects["джерел"] += int(created)
            self._cache[key] = found
        return self._cache[key]


def already_imported(*, importer: str, origin: str, external_id: str) -> bool:
    return ImportedItem.objects.filter(
        importer=importer, origin=origin[:200], external_id=external_id[:500]
    ).exists()


@dataclass
class Provenance:
    importer: str
    origin: str
    external_id: str
    original_url: str = ""
    original_published_at: datetime | None = None


def imported_article_save(
    *, article: Article, provenance: Provenance, authors=(), tags=(), sources=()
) -> Article:
    """Through article_save like an editor's article: same sanitiser, slug rules and
    article_changed signal (search, caches); then the key that makes a re-run skip it.

    The relations of a new article are inserted directly (one INSERT each instead of the
    read-compare-write of .set()), before the signal goes out, as article_notify allows."""
    article_save(article=article, notify=False)
    for name, values in (("authors", authors), ("tags", tags), ("sources", sources)):
        _link(article, name, list(dict.fromkeys(values)))
    ImportedItem.objects.create(
        importer=provenance.importer,
        origin=provenance.origin[:200],
        external_id=provenance.external_id[:500],
        article=article,
        original_url=provenance.original_url[:1000],
        original_published_at=provenance.original_published_at,
    )
    article_notify(article=article, previous=None)
    return article


def _link(article: Article, field: str, targets: list) -> None:
    if not targets:
        return
    relation = Article._meta.get_field(field)
    through = relation.remote_field.through
    source_column, target_column = relation.m2m_column_name(), relation.m2m_reverse_name()
    through.objects.bulk_create(
        [through(**{source_column: article.pk, target_column: target.pk}) for target in targets]
    )
