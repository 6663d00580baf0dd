import calendar
from datetime import datetime

from django.db import models

# Article ids below 2**31 (two billion) fit beside a 32-bit epoch second in 63 bits.
RANK_KEY_ID_BITS = 31


def rank_key(published_at: datetime, article_id: int) -> int:
    """A unique integer that sorts documents newest first exactly like (published_at,
    article_id): whole epoch seconds in the high bits, the id in the low 31. The FTS5
    index uses it as its rowid, so "the newest matches" is a walk along its own order."""
    if not 0 < article_id < 1 << RANK_KEY_ID_BITS:
        raise ValueError(f"article id {article_id} does not fit a rank key")
    seconds = calendar.timegm(published_at.utctimetuple())
    return (seconds << RANK_KEY_ID_BITS) | article_id


class SearchDocument(models.Model):
    """An article's search terms (lemmas, see shpalta.ukrainian.morphology), one row per
    public or scheduled article. The full-text index over these columns lives beside the
    table and is the backend's business (shpalta.search.backends): an FTS5 table kept in
    step by triggers on SQLite, a stored tsvector with a GIN index on PostgreSQL."""

    article = models.OneToOneField(
        "news.Article", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    # Copies of the article's, so ranking and filters never read article rows (and their
    # long bodies); rewritten on every article change like the terms.
    published_at = models.DateTimeField()
    rank_key = models.BigIntegerField(
        help_text="rank_key(published_at, article): newest first, unique by construction."
    )
    section = models.ForeignKey(
        "news.Section", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    headline_terms = models.TextField(blank=True)
    lede_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    focus_terms = models.TextField(
        blank=True, help_text="Terms the text repeats: what the story is about."
    )
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "search_document"
        indexes = [
            # Candidates are read newest first along rank_key; their dates and sections
            # come from this index, never from the rows and their long term lists. No
            # unique index beside it: the article id in its low bits makes keys unique.
            models.Index(
                fields=["rank_key", "article", "published_at", "section"],
                name="search_document_by_rank",
            )
        ]
        verbose_name = "пошуковий документ"
        verbose_name_plural = "пошукові документи"

    def __str__(self):
        return f"search document {self.article_id}"
