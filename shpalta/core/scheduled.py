"""Scheduled stories coming due: the one change no editor's action announces.

When a story is scheduled for later, its due time is kept in the shared cache. Each app
process looks at the earliest due time at most once a second (one small read, from the
page cache's slower path); the first to see it pass takes a lock and purges, for every story
now due, exactly what a publish at that moment would have purged. A lost update of the
schedule (two editors scheduling in the same instant) is still bounded by
PAGE_CACHE_FRESH_SECONDS.
"""

import logging
import time

from django.db import transaction

from .generations import shared_cache

logger = logging.getLogger(__name__)

SCHEDULE_KEY = "pc:scheduled"
NEXT_KEY = "pc:scheduled:next"
LOCK_KEY = "pc:scheduled:lock"
NOTHING_DUE = float("inf")


def _schedule() -> dict[int, float]:
    return shared_cache().get(SCHEDULE_KEY) or {}


def _save(schedule: dict[int, float]) -> None:
    cache = shared_cache()
    cache.set(SCHEDULE_KEY, schedule, timeout=None)
    cache.set(NEXT_KEY, min(schedule.values(), default=NOTHING_DUE), timeout=None)


def schedule_update(*, article_id: int, due_at: float | None) -> None:
    """Remember (or forget, with None) when a story becomes public. After the commit."""

    def write():
        schedule = _schedule()
        if due_at is None and article_id not in schedule:
            return
        if due_at is None:
            schedule.pop(article_id)
        else:
            schedule[article_id] = due_at
        _save(schedule)

    transaction.on_commit(write)


def next_due() -> float:
    value = shared_cache().get(NEXT_KEY)
    return NOTHING_DUE if value is None else value


def due_stories_purge(now: float | None = None) -> list[int]:
    """Purge the pages of every story whose time has come; returns their ids."""
    from shpalta.news.models import Article

    from .purge import article_purge_plan, pages_purge

    now = time.time() if now is None else now
    cache = shared_cache()
    if not cache.add(LOCK_KEY, 1, timeout=30):
        return []
    try:
        schedule = _schedule()
        due = sorted(pk for pk, at in schedule.items() if at <= now)
        for article in Article.objects.filter(pk__in=due).select_related("section"):
            if article.is_public:  # rescheduled or unpublished meanwhile: nothing to show
                plan = article_purge_plan(article=article, previous=None)
                pages_purge(paths=plan.paths, tags=plan.tags)
        for pk in due:
            schedule.pop(pk, None)
        _save(schedule)
        return due
    finally:
        cache.delete(LOCK_KEY)
