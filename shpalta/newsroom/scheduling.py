"""Publishing on time. Article.objects.published() already shows a scheduled story from its
minute on, so no reader waits for a timer; `shpalta publish_due` (every minute) makes the
publication an event: status flips through the news services, so every listener (cache
purge, search index, revisions) runs as for an editor's own publish."""

import dataclasses
import logging

from django.db import transaction
from django.utils import timezone

from shpalta.news import services as news_services
from shpalta.news.models import Article

from .context import acting_as

log = logging.getLogger(__name__)


def articles_due(now=None):
    now = now or timezone.now()
    return Article.objects.filter(status=Article.Status.SCHEDULED, published_at__lte=now).order_by(
        "published_at", "id"
    )


def articles_publish_due() -> list[Article]:
    """Each article in its own transaction: one bad row never holds back the others."""
    done = []
    for article_id in list(articles_due().values_list("id", flat=True)):
        try:
            article = _publish_one(article_id)
        except Exception:
            log.exception("scheduled article %s could not be published", article_id)
            continue
        if article is not None:
            done.append(article)
    return done


@transaction.atomic
def _publish_one(article_id: int) -> Article | None:
    # skip_locked: two overlapping timers never publish (and announce) one article twice.
    article = articles_due().select_for_update(skip_locked=True).filter(pk=article_id).first()
    if article is None:
        return None
    # Pages cached before the scheduled minute do not list the story, whatever the clock
    # says now: listeners must treat it as newly public.
    previous = dataclasses.replace(news_services.ArticleState.load(article.pk), was_public=False)
    article.status = Article.Status.PUBLISHED
    with acting_as(None, note="Опубліковано за розкладом"):
        return news_services.article_save(article=article, previous=previous)
