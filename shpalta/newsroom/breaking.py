"""The breaking-news banner. Pages never contain it: they are cached whole, so the banner
is fetched by the page from /breaking.json (max-age 5 s) and a change is live everywhere
within seconds without purging a single page."""

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from shpalta.core.purge import pages_purge

from .models import BreakingNews

CACHE_KEY = "newsroom:breaking:v1"
CACHE_SECONDS = 60  # a safety net only: every set/clear deletes the key


def safe_link(url: str) -> bool:
    """Our own paths or absolute http(s) addresses; never javascript: or //host tricks."""
    url = url.strip()
    if not url:
        return True
    if url.startswith("/"):
        return not url.startswith("//")
    return url.startswith(("https://", "http://"))


def _forget() -> None:
    """After the commit: our cached answer, and the page cache's copy of /breaking.json."""

    def forget():
        cache.delete(CACHE_KEY)
        pages_purge(paths=[reverse("newsroom:breaking")])

    transaction.on_commit(forget)


@transaction.atomic
def breaking_set(*, text: str, url: str = "", user=None) -> BreakingNews:
    """Show a banner; the one shown before is cleared in the same transaction."""
    return breaking_show(item=BreakingNews(text=text, url=url), user=user)


@transaction.atomic
def breaking_show(*, item: BreakingNews, user=None) -> BreakingNews:
    """Save `item` (new or edited) as the one live banner."""
    if item.pk is None:
        _clear_live(user)
        item.created_by, item.created_at = user, timezone.now()
    elif item.live:
        BreakingNews.objects.filter(live=True).exclude(pk=item.pk).update(live=False)
    item.text, item.url = item.text.strip(), item.url.strip()
    item.save()
    _forget()
    return item


@transaction.atomic
def breaking_clear(*, user=None) -> int:
    cleared = _clear_live(user)
    _forget()
    return cleared


def _clear_live(user) -> int:
    return BreakingNews.objects.filter(live=True).update(
        live=False, cleared_at=timezone.now(), cleared_by=user
    )


def breaking_current() -> dict:
    """What /breaking.json answers; from the cache, one query on a miss."""
    payload = cache.get(CACHE_KEY)
    if payload is None:
        item = BreakingNews.objects.filter(live=True).only("id", "text", "url").first()
        payload = (
            {"active": True, "id": item.pk, "text": item.text, "url": item.url}
            if item
            else {"active": False}
        )
        cache.set(CACHE_KEY, payload, CACHE_SECONDS)
    return payload
