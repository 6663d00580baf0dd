"""What entity work makes stale in the page cache, bumped after the commit.

Article pages carry ENTITIES_TAG for their «У цій новині» block and entity pages carry it
too, so an editor's decision (accept, merge, edit) refreshes them all at once; decisions
are rare. A single article's new or lost links refresh the pages of those entities only,
and a changed «Інші новини» list refreshes the page of the article that shows it."""

from django.db import transaction
from django.urls import reverse

from shpalta.core.pagecache import page_tags
from shpalta.core.purge import article_tag, pages_purge

ENTITIES_TAG = "entities"


def tag_entity_block(request) -> None:
    if request is not None:
        page_tags(request, ENTITIES_TAG)


def tag_entity_page(request, article_ids) -> None:
    page_tags(request, ENTITIES_TAG, *(article_tag(pk) for pk in article_ids))


def entities_changed() -> None:
    transaction.on_commit(lambda: pages_purge(tags=[ENTITIES_TAG]))


def entity_pages_purge(slugs) -> None:
    paths = [reverse("entities:entity", args=[slug]) for slug in slugs]
    if paths:
        transaction.on_commit(lambda: pages_purge(paths=paths))


def related_pages_purge(slugs) -> None:
    paths = [reverse("news:article", args=[slug]) for slug in slugs]
    if paths:
        transaction.on_commit(lambda: pages_purge(paths=paths))
