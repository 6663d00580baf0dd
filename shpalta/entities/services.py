"""Writes for entities: extraction on publish, the editors' review queue, re-linking, and
the stored «Інші новини» lists."""

import logging
import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from shpalta.news.models import Article
from shpalta.news.services import named_slug, plain_text
from shpalta.ukrainian import morphology

from . import related
from .extraction import KnownName, extract_article, name_key
from .models import (
    ArticleEntity,
    ArticleProfile,
    ArticleTerm,
    Candidate,
    Entity,
    TermFrequency,
)
from .names import name_forms
from .purge import entities_changed, entity_pages_purge
from .related_lists import related_refresh

logger = logging.getLogger(__name__)

LEXICON_CACHE_KEY = "entities:lexicon"
ENTITY_KEY_PREFIX = "entity:"
MAX_CANDIDATE_WORDS = 6
MAX_SURFACES = 8
MAX_TERMS_PER_STORY = 1000


# The lexicon: every form of every accepted entity ----------------------------------------


def entity_key(entity_id: int) -> str:
    return f"{ENTITY_KEY_PREFIX}{entity_id}"


_taught_version: str | None = None


def entity_lexicon() -> dict[str, KnownName]:
    """Every form of every accepted entity, shared by all app servers through the cache.
    Each process also teaches search the forms once per version of the lexicon."""
    global _taught_version
    cached = cache.get(LEXICON_CACHE_KEY)
    if cached is None:
        cached = (uuid.uuid4().hex, _build_lexicon())
        cache.set(LEXICON_CACHE_KEY, cached, None)
    version, lexicon = cached
    if version != _taught_version:
        _teach_search(lexicon)
        _taught_version = version
    return lexicon


def _build_lexicon() -> dict[str, KnownName]:
    lexicon: dict[str, KnownName] = {}
    ambiguous: set[str] = set()
    for pk, name, kind, forms in Entity.objects.values_list("pk", "name", "kind", "forms"):
        known = KnownName(entity_key(pk), name, kind)
        for form in forms:
            key = name_key(form)
            if key in lexicon and lexicon[key].key != known.key:
                ambiguous.add(key)  # two people called «Коваленко»: neither gets it
            lexicon[key] = known
    for key in ambiguous:
        del lexicon[key]
    return lexicon


def _teach_search(lexicon: dict[str, KnownName]) -> None:
    """Search learns single-word forms the dictionary lacks: «Сибізі» → «сибіга»."""
    pairs = {}
    for key, known in lexicon.items():
        if " " not in key and " " not in known.name:
            pairs[key] = known.name.lower()
        elif " " not in key:
            pairs[key] = known.name.split()[-1].lower()
    if pairs:
        morphology.register_forms(pairs)


def lexicon_changed() -> None:
    cache.delete(LEXICON_CACHE_KEY)
    entities_changed()


def entity_forms(entity: Entity) -> list[str]:
    forms: set[str] = set()
    for name in [entity.name, *entity.alias_list]:
        forms |= name_forms(name, entity.kind)
    return sorted(forms)


def unique_entity_slug(name: str, *, pk: int | None = None) -> str:
    return named_slug(Entity, name, pk=pk, fallback="tema")


# Editors' decisions -----------------------------------------------------------------------


@transaction.atomic
def entity_save(*, entity: Entity, relink: bool = True) -> Entity:
    """Create or edit an entity: its slug, its known forms, and its links to articles."""
    if not entity.slug:
        entity.slug = unique_entity_slug(entity.name, pk=entity.pk)
    entity.forms = entity_forms(entity)
    entity.save()
    lexicon_changed()
    if relink:
        entity_relink(entity=entity)
    return entity


@transaction.atomic
def candidate_accept(*, candidate: Candidate, name: str = "", kind: str = "") -> Entity:
    entity = Entity(name=name or candidate.name, kind=kind or candidate.kind)
    entity = entity_save(entity=entity, relink=False)
    _close(candidate, Candidate.Status.ACCEPTED, entity)
    entity_relink(entity=entity)
    return entity


@transaction.atomic
def candidate_merge(*, candidate: Candidate, entity: Entity) -> Entity:
    """The candidate is another name of `entity`: it becomes an alias, and every article
    that names it links to the entity."""
    if name_key(candidate.name) not in {name_key(n) for n in [entity.name, *entity.alias_list]}:
        entity.aliases = "\n".join([*entity.alias_list, candidate.name])
    entity_save(entity=entity, relink=False)
    _close(candidate, Candidate.Status.MERGED, entity)
    entity_relink(entity=entity)
    return entity


@transaction.atomic
def candidate_reject(*, candidate: Candidate) -> None:
    _close(candidate, Candidate.Status.REJECTED, None)


def _close(candidate: Candidate, status: str, entity: Entity | None) -> None:
    candidate.status = status
    candidate.entity = entity
    candidate.save(update_fields=["status", "entity", "last_seen"])


def _entity_keys(entity: Entity) -> set[str]:
    keys = {name_key(n) for n in [entity.name, *entity.alias_list]}
    keys |= set(Candidate.objects.filter(entity=entity).values_list("key", flat=True))
    return keys | {entity_key(entity.pk)}


@transaction.atomic
def entity_relink(*, entity: Entity) -> int:
    """Link the entity to every article, old ones included, that names it in any form:
    by the nominative extraction found, or by a surface form the entity knows («Умєрова»
    even where extraction alone could not tell it was a person). Returns how many."""
    keys = _entity_keys(entity)
    forms = {name_key(form) for form in entity.forms}
    terms = ["e:" + k for k in keys] + ["f:" + f for f in forms]
    profiles = ArticleProfile.objects.filter(
        article_id__in=ArticleTerm.objects.filter(term__in=terms).values("article_id")
    ).only("article_id", "names")
    counts = {}
    for profile in profiles:
        found = sum(
            entry.get("count", 1)
            for key, entry in profile.names.items()
            if key in keys or any(name_key(s) in forms for s in entry.get("surfaces", []))
        )
        if found:
            counts[profile.article_id] = found
    ArticleEntity.objects.filter(entity=entity).exclude(article_id__in=counts).delete()
    ArticleEntity.objects.bulk_create(
        [
            ArticleEntity(article_id=pk, entity=entity, mentions=min(n, 32767))
            for pk, n in counts.items()
        ],
        update_conflicts=True,
        unique_fields=["article", "entity"],
        update_fields=["mentions"],
    )
    return len(counts)


# Extraction when an article changes ------------------------------------------------------

_deferred: ContextVar[list[int] | None] = ContextVar("entities_deferred", default=None)


@contextmanager
def article_refresh_deferred():
    """Within this block, changed articles are only noted (the yielded list of ids), not
    refreshed. An import of a whole archive uses it: extraction and «Інші новини» cost tens
    of milliseconds a story and grow with the archive, so inside the import's one
    all-or-nothing transaction they would hold it for hours. The caller then runs
    articles_refresh() over the ids, in batches that commit as they go."""
    noted: list[int] = []
    token = _deferred.set(noted)
    try:
        yield noted
    finally:
        _deferred.reset(token)


def refresh_is_deferred(article: Article) -> bool:
    noted = _deferred.get()
    if noted is None:
        return False
    noted.append(article.pk)
    return True


def articles_refresh(*, ids: list[int], batch_size: int = 200, progress=None) -> None:
    """article_refresh for many articles, one transaction per batch: an interruption keeps
    the batches done, and `shpalta relink_entities` redoes everything."""
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        with transaction.atomic():
            for article in Article.objects.filter(pk__in=batch).order_by("pk"):
                article_refresh(article=article)
        if progress:
            progress(len(batch))


def article_refresh(*, article: Article) -> None:
    """Everything entities keep about one article, after it was created or changed. Runs in
    a savepoint: if it fails, the article is still saved and `relink_entities` repairs."""
    try:
        with transaction.atomic():
            article_profile_update(article=article)
            related_refresh(article=article)
    except Exception:
        logger.exception("entity extraction failed for article %s", article.pk)


def article_profile_update(*, article: Article) -> ArticleProfile:
    body = plain_text(article.body)
    mentions = extract_article(article.headline, article.lede, body, lexicon=entity_lexicon())
    names: dict[str, dict] = {}
    for mention in mentions:
        entry = names.setdefault(
            mention.key, {"name": mention.name, "kind": mention.kind, "count": 0, "surfaces": []}
        )
        entry["count"] += 1
        if mention.surface not in entry["surfaces"] and len(entry["surfaces"]) < MAX_SURFACES:
            entry["surfaces"].append(mention.surface)
    entity_keys = [k for k, v in names.items() for _ in range(min(v["count"], 5))]
    terms = related.story_terms(article.headline, f"{article.lede}\n{body}", entity_keys)
    terms = dict(sorted(terms.items(), key=lambda i: -i[1])[:MAX_TERMS_PER_STORY])
    previous = ArticleProfile.objects.filter(article=article).first()
    profile, _ = ArticleProfile.objects.update_or_create(
        article=article, defaults={"names": names, "terms": terms}
    )
    _sync_links(article, names)
    _count_terms(set(terms), set(previous.terms) if previous else set())
    _index_terms(article, terms, {s for entry in names.values() for s in entry["surfaces"]})
    if article.is_public:
        _propose(article, names, previous.names if previous else {})
    return profile


def _sync_links(article: Article, names: dict[str, dict]) -> None:
    counts = {
        int(key[len(ENTITY_KEY_PREFIX) :]): entry["count"]
        for key, entry in names.items()
        if key.startswith(ENTITY_KEY_PREFIX)
    }
    before = set(ArticleEntity.objects.filter(article=article).values_list("entity", flat=True))
    ArticleEntity.objects.filter(article=article).delete()
    existing = set(Entity.objects.filter(pk__in=counts).values_list("pk", flat=True))
    if article.is_public or before:
        # The pages of entities it joins or leaves; an edit of one already listed is
        # refreshed through its article tag.
        touched = (existing - before) | (before - existing)
        entity_pages_purge(Entity.objects.filter(pk__in=touched).values_list("slug", flat=True))
    ArticleEntity.objects.bulk_create(
        [
            ArticleEntity(article=article, entity_id=pk, mentions=min(n, 32767))
            for pk, n in counts.items()
            if pk in existing
        ]
    )


def _count_terms(now: set[str], before: set[str]) -> None:
    added, removed = now - before, before - now
    if removed:
        TermFrequency.objects.filter(term__in=removed, documents__gt=0).update(
            documents=F("documents") - 1
        )
    if added:
        TermFrequency.objects.filter(term__in=added).update(documents=F("documents") + 1)
        known = set(TermFrequency.objects.filter(term__in=added).values_list("term", flat=True))
        TermFrequency.objects.bulk_create(
            [TermFrequency(term=t, documents=1) for t in added - known], ignore_conflicts=True
        )


def _weights(terms: dict[str, float]) -> dict[str, float]:
    frequencies = dict(
        TermFrequency.objects.filter(term__in=list(terms)).values_list("term", "documents")
    )
    total = ArticleProfile.objects.count()
    return related.strongest(related.weigh(terms, frequencies, total))


def _index_terms(article: Article, terms: dict[str, float], surfaces: set[str]) -> None:
    weights = _weights(terms)
    ArticleTerm.objects.filter(article=article).delete()
    names = [t for t in terms if t.startswith("e:")]  # every name, for re-linking
    rows = {t: weights.get(t, 0.0) for t in names} | weights
    for surface in surfaces:
        rows.setdefault("f:" + name_key(surface), 0.0)
    ArticleTerm.objects.bulk_create(
        [ArticleTerm(article=article, term=t[:200], weight=w) for t, w in rows.items()],
        ignore_conflicts=True,
    )


def _propose(article: Article, names: dict[str, dict], before: dict[str, dict]) -> None:
    """New names become candidates for the review queue; names seen before count one more
    article. Accepted, merged and rejected names are never proposed again."""
    fresh = {
        key: entry
        for key, entry in names.items()
        if not key.startswith(ENTITY_KEY_PREFIX) and _plausible(entry["name"])
    }
    if not fresh:
        return
    existing = {c.key: c for c in Candidate.objects.filter(key__in=list(fresh))}
    new_here = [k for k in fresh if k not in before]
    Candidate.objects.filter(
        key__in=[k for k in new_here if k in existing], status=Candidate.Status.PENDING
    ).update(article_count=F("article_count") + 1)
    Candidate.objects.bulk_create(
        [
            Candidate(
                key=key[:200],
                name=entry["name"][:200],
                kind=entry["kind"],
                surfaces=entry["surfaces"],
                article_count=1,
                example=article,
            )
            for key, entry in fresh.items()
            if key not in existing
        ],
        ignore_conflicts=True,
    )


def _plausible(name: str) -> bool:
    words = name.split()
    letters = sum(c.isalpha() for c in name)
    return 0 < len(words) <= MAX_CANDIDATE_WORDS and letters >= 2 and len(name) <= 120
