from django.db import models


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
            models.Index(
                fields=["article", "published_at", "section"], name="search_document_covering"
            )
        ]
        verbose_name = "пошуковий документ"
        verbose_name_plural = "пошукові документи"

    def __str__(self):
        return f"search document {self.article_id}"
