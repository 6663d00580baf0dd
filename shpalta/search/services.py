"""Writes to the search index: one article on every change, or the whole archive."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from shpalta.news.models import Article
from shpalta.ukrainian.morphology import index_terms, term_counts

from .backends import backend
from .models import SearchDocument, rank_key
from .text import html_to_text

# PostgreSQL refuses a tsvector over 1 MB; a body past this many distinct terms is a
# data dump rather than a story, and its first terms are what matters anyway.
MAX_BODY_TERMS = 20_000
# A body that names something at least this often is about it, not just mentioning it.
FOCUS_MIN_COUNT = 2
INDEXED_STATUSES = (Article.Status.PUBLISHED, Article.Status.SCHEDULED)


def is_indexed(article: Article) -> bool:
    """Published and scheduled articles are indexed (a scheduled one only shows up in
    results once its time has come); drafts never are."""
    return article.status in INDEXED_STATUSES and article.published_at is not None


def document_for(article: Article) -> SearchDocument:
    body = term_counts(html_to_text(article.body))
    body_terms = list(body)[:MAX_BODY_TERMS]
    return SearchDocument(
        article_id=article.pk,
        published_at=article.published_at,
        rank_key=rank_key(article.published_at, article.pk),
        section_id=article.section_id,
        headline_terms=" ".join(index_terms(article.headline)),
        lede_terms=" ".join(index_terms(article.lede)),
        body_terms=" ".join(body_terms),
        focus_terms=" ".join(t for t in body_terms if body[t] >= FOCUS_MIN_COUNT),
    )


@transaction.atomic
def search_document_update(*, article: Article) -> None:
    """Bring one article's entry in line with the article: (re)index it if it is
    published or scheduled, remove it otherwise (unpublished back to draft)."""
    if not is_indexed(article):
        SearchDocument.objects.filter(article_id=article.pk).delete()
        return
    document = document_for(article)
    SearchDocument.objects.update_or_create(
        article_id=article.pk,
        defaults={
            "published_at": document.published_at,
            "rank_key": document.rank_key,
            "section_id": document.section_id,
            "headline_terms": document.headline_terms,
            "lede_terms": document.lede_terms,
            "body_terms": document.body_terms,
            "focus_terms": document.focus_terms,
        },
    )


@dataclass
class RebuildReport:
    indexed: int
    removed: int


def _batches(ids: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def search_index_rebuild(
    *, batch_size: int = 500, progress: Callable[[int], None] | None = None
) -> RebuildReport:
    """Re-derive every entry from the articles, batch by batch (one transaction each, so
    search keeps answering meanwhile), then drop entries of articles that are no longer
    indexed. Needed after changing the lemmatiser or the curated name forms."""
    # Oldest first: FTS5 writes rising rowids (rank keys) straight into its pending
    # segment and flushes it whenever one goes down.
    ids = list(
        Article.objects.filter(status__in=INDEXED_STATUSES, published_at__isnull=False)
        .order_by("published_at", "id")
        .values_list("id", flat=True)
    )
    with backend().bulk_writes():
        for batch in _batches(ids, batch_size):
            _reindex_batch(batch)
            if progress:
                progress(len(batch))
    removed = _remove_stale()
    backend().optimise()
    return RebuildReport(indexed=len(ids), removed=removed)


@transaction.atomic
def _reindex_batch(ids: list[int]) -> None:
    articles = Article.objects.filter(pk__in=ids).only(
        "id", "headline", "lede", "body", "published_at", "section_id"
    )
    documents = sorted((document_for(a) for a in articles), key=lambda d: d.rank_key)
    SearchDocument.objects.filter(article_id__in=ids).delete()
    SearchDocument.objects.bulk_create(documents)


@transaction.atomic
def _remove_stale() -> int:
    stale = SearchDocument.objects.exclude(
        article__status__in=INDEXED_STATUSES, article__published_at__isnull=False
    )
    removed, _ = stale.delete()
    return removed
