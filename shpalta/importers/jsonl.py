"""JSON Lines in the shape of shared/data/uk-news → articles, one line at a time."""

from django.db import transaction

from shpalta.news.models import Article

from .common import (
    DEFAULT_SECTION,
    Catalogue,
    ImportReport,
    Provenance,
    already_imported,
    imported_article_save,
)
from .jsonlparse import iter_jsonl, paragraphs
from .models import ImportedItem


@transaction.atomic
def jsonl_import(
    *, stream, origin: str = "jsonl", section_name: str = DEFAULT_SECTION, drafts: bool = False
) -> ImportReport:
    """Dated records are published at their date (unless `drafts`); undated ones become
    drafts. All or nothing: a bad line changes nothing."""
    report = ImportReport()
    catalogue = Catalogue(report)
    section = catalogue.section(section_name)
    key = {"importer": ImportedItem.Importer.JSONL, "origin": origin}
    for _line, record in iter_jsonl(stream):
        if already_imported(**key, external_id=record["id"]):
            report.already_imported += 1
            continue
        when = record["published_at"]
        public = when is not None and not drafts
        article = Article(
            headline=record["title"].strip()[:300],
            body=paragraphs(record["body"]),
            section=section,
            status=Article.Status.PUBLISHED if public else Article.Status.DRAFT,
            published_at=when if public else None,
        )
        url = (record.get("url") or "").strip()
        provenance = Provenance(
            **key,
            external_id=record["id"],
            original_url=url if url.startswith(("http://", "https://")) else "",
            original_published_at=when,
        )
        author, source = (record.get("author") or "").strip(), (record.get("source") or "").strip()
        imported_article_save(
            article=article,
            provenance=provenance,
            authors=[catalogue.author(author)] if author else [],
            sources=[catalogue.source(source)] if source else [],
        )
        report.created += 1
    return report
