"""Edit locks: who has an article open. A lock warns, it does not forbid: the version check
on save is what keeps one editor from overwriting another."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import EditLock


def lock_timeout() -> timedelta:
    return timedelta(seconds=getattr(settings, "NEWSROOM_EDIT_LOCK_SECONDS", 300))


@dataclass(frozen=True)
class LockStatus:
    """`other` is the user who holds the lock when it is not ours."""

    other: object | None = None
    since: datetime | None = None

    @property
    def is_ours(self) -> bool:
        return self.other is None


@transaction.atomic
def lock_acquire(*, article_id: int, user) -> LockStatus:
    """Take or refresh the lock unless someone else holds a live one."""
    now = timezone.now()
    lock = EditLock.objects.select_for_update().filter(article_id=article_id).first()
    if lock is None:
        try:
            with transaction.atomic():
                EditLock.objects.create(
                    article_id=article_id, user=user, acquired_at=now, refreshed_at=now
                )
            return LockStatus()
        except IntegrityError:  # another editor took it a moment ago
            lock = EditLock.objects.select_for_update().get(article_id=article_id)
    if lock.user_id != user.pk and lock.refreshed_at + lock_timeout() > now:
        return LockStatus(other=lock.user, since=lock.acquired_at)
    if lock.user_id != user.pk:
        lock.user, lock.acquired_at = user, now
    lock.refreshed_at = now
    lock.save()
    return LockStatus()


@transaction.atomic
def lock_release(*, article_id: int, user) -> None:
    EditLock.objects.filter(article_id=article_id, user=user).delete()
