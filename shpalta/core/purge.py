"""The one purge helper: what an article change makes stale, bumped after the commit.

An article change (create, edit, publish, unpublish, schedule, delete) purges its page
(new and old address), the front page, its section, tags and authors (old and new), feeds,
sitemaps, the pages that show it in «Інші новини» (tag `article:<id>`) and, when it enters
or leaves the public list, every page showing the latest stories (tag `news:latest`).
A story scheduled for later is purged when it comes due (scheduled.py).
Other apps add their own pages with `@purge_contributor` (entities, search ...) or pass
`extra_paths` / `extra_tags`. Votes never purge: pages fetch the numbers themselves.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from .generations import generations_bump
from .pagecache import FEEDS_TAG, SITE_TAG, SITEMAPS_TAG, path_tag, wsgi_path
from .scheduled import schedule_update

LATEST_TAG = "news:latest"


def article_tag(article_id: int) -> str:
    """Carried by every page that shows this article without being its own page."""
    return f"article:{article_id}"


@dataclass
class Purge:
    paths: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)

    def add(self, other: "Purge") -> None:
        self.paths |= other.paths
        self.tags |= other.tags

    def generation_tags(self) -> set[str]:
        return self.tags | {path_tag(wsgi_path(path)) for path in self.paths}


Contributor = Callable[..., "Purge | None"]
_contributors: list[Contributor] = []


def purge_contributor(function: Contributor) -> Contributor:
    """Register `function(*, article, previous) -> Purge` for pages another app renders."""
    if function not in _contributors:
        _contributors.append(function)
    return function


def pages_purge(*, paths: Iterable[str] = (), tags: Iterable[str] = ()) -> None:
    """Make these addresses (all their ?page= variants) and tagged pages stale everywhere, now.
    Inside a transaction call it through transaction.on_commit (article_pages_purge does)."""
    generations_bump(Purge(paths=set(paths), tags=set(tags)).generation_tags())


def site_purge() -> None:
    """Every page: for what all of them show (the sections in the menu, names of tags ...)."""
    pages_purge(tags=[SITE_TAG])


def article_purge_plan(
    *, article, previous, deleted: bool = False, extra_paths=(), extra_tags=()
) -> Purge:
    """What a change of `article` from `previous` (an ArticleState or None) makes stale."""
    was_public = previous is not None and previous.was_public
    is_public = article.is_public and not deleted
    plan = Purge(paths=set(extra_paths), tags=set(extra_tags))
    if not (was_public or is_public):
        return plan  # a draft or a future story: no public page ever showed it
    plan.paths |= {"/", article.get_absolute_url()}
    plan.tags |= {FEEDS_TAG, SITEMAPS_TAG, article_tag(article.pk)}
    if previous is not None and previous.slug != article.slug:
        plan.paths.add(reverse("news:article", args=[previous.slug]))
    moved = previous is not None and previous.published_at != article.published_at
    if was_public != is_public or moved:
        plan.tags.add(LATEST_TAG)
    plan.paths |= _listing_paths(article, previous)
    for contributor in _contributors:
        extra = contributor(article=article, previous=previous)
        if extra is not None:
            plan.add(extra)
    return plan


def _listing_paths(article, previous) -> set[str]:
    from shpalta.news.models import Author, Section, Tag

    old_sections = {previous.section_id} if previous else set()
    old_tags = previous.tag_ids if previous else frozenset()
    old_authors = previous.author_ids if previous else frozenset()
    sections = Section.objects.filter(pk__in={article.section_id, *old_sections})
    tags = Tag.objects.filter(Q(pk__in=old_tags) | Q(articles=article.pk)).distinct()
    authors = Author.objects.filter(Q(pk__in=old_authors) | Q(articles=article.pk)).distinct()
    paths = set()
    for queryset, route in (
        (sections, "news:section"),
        (tags, "news:tag"),
        (authors, "news:author"),
    ):
        for slug in queryset.values_list("slug", flat=True):
            paths.add(reverse(route, args=[slug]))
    return paths


def article_pages_purge(
    *, article, previous, deleted: bool = False, extra_paths=(), extra_tags=()
) -> Purge:
    """Plan inside the writing transaction (the rows are as the change left them), bump
    after its commit (a rolled-back edit purges nothing, and no reader can refill a page
    from data that is not yet committed)."""
    plan = article_purge_plan(
        article=article,
        previous=previous,
        deleted=deleted,
        extra_paths=extra_paths,
        extra_tags=extra_tags,
    )
    upcoming = not deleted and article.status == "scheduled" and not article.is_public
    due_at = article.published_at.timestamp() if upcoming else None
    schedule_update(article_id=article.pk, due_at=due_at)
    if plan.paths or plan.tags:
        transaction.on_commit(lambda: pages_purge(paths=plan.paths, tags=plan.tags))
    return plan


# -- signal receivers, connected in CoreConfig.ready() -------------------------------------


def on_article_changed(sender, *, article, previous, **kwargs) -> None:
    article_pages_purge(article=article, previous=previous)


def on_article_deleting(sender, *, instance, **kwargs) -> None:
    from shpalta.news.services import ArticleState

    previous = ArticleState.load(instance.pk)
    article_pages_purge(article=instance, previous=previous, deleted=True)


def on_site_wide_change(sender, **kwargs) -> None:
    transaction.on_commit(site_purge)
