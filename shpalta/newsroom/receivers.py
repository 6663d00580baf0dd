"""Listeners on shpalta.news.signals.article_changed (inside the writing transaction)."""

from django.utils import timezone

from shpalta.news.models import Article

from .context import current_actor
from .review import review_close_on_publish
from .revisions import READER_VISIBLE_FIELDS, revision_record


def on_article_changed(sender, *, article: Article, previous, **kwargs) -> None:
    actor = current_actor()
    revision = revision_record(article=article, user=actor.user, note=actor.note)
    if revision is not None and _is_update_readers_see(article, previous, revision):
        now = timezone.now()
        Article.objects.filter(pk=article.pk).update(revised_at=now)
        article.revised_at = now
    if article.status != Article.Status.DRAFT:
        review_close_on_publish(article=article, user=actor.user)


def _is_update_readers_see(article, previous, revision) -> bool:
    """Edited after publication, in words readers read. The first revision has nothing to
    compare with, so it never counts as an update."""
    return (
        previous is not None
        and previous.was_public
        and article.is_public
        and revision.number > 1
        and bool(READER_VISIBLE_FIELDS & set(revision.changed_fields))
    )
