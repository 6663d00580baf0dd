"""Review: an author submits a draft, editors see a queue, return it with a comment or
publish it. Comments on a draft are the conversation around it."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from shpalta.news.models import Article

from .models import ArticleReview, Comment


@transaction.atomic
def review_submit(*, article: Article, user, note: str = "") -> ArticleReview:
    review, _ = ArticleReview.objects.update_or_create(
        article=article,
        defaults={
            "state": ArticleReview.State.SUBMITTED,
            "submitted_by": user,
            "submitted_at": timezone.now(),
            "decided_by": None,
            "decided_at": None,
        },
    )
    if note.strip():
        comment_add(article=article, user=user, text=note)
    return review


@transaction.atomic
def review_return(*, article: Article, user, text: str) -> ArticleReview:
    """Back to the author with what to fix; the reason is required at the form."""
    review = ArticleReview.objects.select_for_update().get(article=article)
    review.state = ArticleReview.State.RETURNED
    review.decided_by, review.decided_at = user, timezone.now()
    review.save(update_fields=["state", "decided_by", "decided_at"])
    comment_add(article=article, user=user, text=text)
    return review


def review_close_on_publish(*, article: Article, user) -> None:
    """Publishing (or scheduling) a submitted draft is the editor's approval."""
    ArticleReview.objects.filter(
        article=article,
        state__in=[ArticleReview.State.SUBMITTED, ArticleReview.State.RETURNED],
    ).update(
        state=ArticleReview.State.APPROVED,
        decided_by=user if getattr(user, "is_authenticated", False) else None,
        decided_at=timezone.now(),
    )


@transaction.atomic
def comment_add(*, article: Article, user, text: str) -> Comment:
    return Comment.objects.create(article=article, user=user, text=text.strip())


def review_queue() -> QuerySet:
    """Drafts waiting for an editor, oldest first: the desk works the queue in order."""
    return (
        ArticleReview.objects.filter(
            state=ArticleReview.State.SUBMITTED, article__status=Article.Status.DRAFT
        )
        .select_related("article", "article__section", "submitted_by")
        .order_by("submitted_at", "article_id")
    )


def comments_for(article: Article) -> list[Comment]:
    return list(article.comments.select_related("user").order_by("created_at", "id"))
