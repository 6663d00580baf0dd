"""Other outlets' RSS/Atom items → drafts credited to their Source, for an editor to
rewrite and publish. The item's guid (or link) is the key: a re-read adds nothing."""

import html

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
from .feedparse import FeedChannel, iter_feed
from .models import ImportedItem


def _draft_body(body_html: str, link: str, source_name: str) -> str:
    if not link:
        return body_html
    url, name = html.escape(link, quote=True), html.escape(source_name)
    return f'{body_html}\n<p>Оригінал: <a href="{url}">{name}</a></p>'


@transaction.atomic
def feed_import(*, stream, source_name: str, section_name: str = DEFAULT_SECTION) -> ImportReport:
    """All or nothing, like every importer: a malformed feed changes nothing."""
    report = ImportReport()
    catalogue = Catalogue(report)
    home = ""
    for record in iter_feed(stream):
        if isinstance(record, FeedChannel):
            home = record.link
            continue
        source = catalogue.source(source_name, home)  # found once, then cached
        section = catalogue.section(section_name)
        key = {"importer": ImportedItem.Importer.FEED, "origin": source.name}
        if already_imported(**key, external_id=record.guid):
            report.already_imported += 1
            continue
        article = Article(
            headline=record.title[:300],
            body=_draft_body(record.body_html, record.link, source.name),
            section=section,
            status=Article.Status.DRAFT,
        )
        provenance = Provenance(
            **key,
            external_id=record.guid,
            original_url=record.link if record.link.startswith(("http://", "https://")) else "",
            original_published_at=record.published,
        )
        imported_article_save(article=article, provenance=provenance, sources=[source])
        report.created += 1
    return report
