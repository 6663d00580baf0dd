from django.db import transaction
from django.db.models import F

from .models import ArticleRating, Vote


@transaction.atomic
def vote_cast(*, article_id: int, reader: str, stars: int, ip_hash: str = "") -> tuple[Vote, bool]:
    """Record a reader's stars. Returns (vote, created). A repeat vote changes the stars
    and the total, never the count. The totals row is locked first, so concurrent votes on
    one article serialise on it (on SQLite the IMMEDIATE transaction already does that)."""
    ArticleRating.objects.get_or_create(article_id=article_id)
    totals = ArticleRating.objects.select_for_update().filter(article_id=article_id)
    totals.first()  # takes the row lock on PostgreSQL
    vote = Vote.objects.filter(article_id=article_id, reader=reader).first()
    if vote is None:
        vote = Vote.objects.create(
            article_id=article_id, reader=reader, stars=stars, ip_hash=ip_hash
        )
        totals.update(votes_count=F("votes_count") + 1, stars_total=F("stars_total") + stars)
        return vote, True
    if vote.stars != stars:
        totals.update(stars_total=F("stars_total") + (stars - vote.stars))
        vote.stars = stars
        vote.save(update_fields=["stars", "updated_at"])
    return vote, False
