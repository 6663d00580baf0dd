from django.db import models
from django.db.models import Q

MIN_STARS, MAX_STARS = 1, 5


class Vote(models.Model):
    """One reader's stars for one article. A second vote by the same reader replaces it."""

    article = models.ForeignKey("news.Article", on_delete=models.CASCADE, related_name="votes")
    reader = models.CharField(max_length=64)
    stars = models.PositiveSmallIntegerField()
    # A keyed hash of the address under that day's salt: tells "same address, same day" for
    # abuse review, and nothing once the salt has expired. Never the address itself.
    ip_hash = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "голос"
        verbose_name_plural = "голоси"
        constraints = [
            models.UniqueConstraint(fields=["article", "reader"], name="vote_one_per_reader"),
            models.CheckConstraint(
                condition=Q(stars__gte=MIN_STARS, stars__lte=MAX_STARS), name="vote_stars_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.stars}★ #{self.article_id}"


class ArticleRating(models.Model):
    """Running totals, written in the same transaction as every vote row."""

    article = models.OneToOneField(
        "news.Article", on_delete=models.CASCADE, primary_key=True, related_name="rating"
    )
    votes_count = models.PositiveIntegerField(default=0)
    stars_total = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "підсумок оцінок"
        verbose_name_plural = "підсумки оцінок"

    def __str__(self):
        return f"#{self.article_id}: {self.stars_total}/{self.votes_count}"
