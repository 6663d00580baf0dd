from dataclasses import dataclass

from shpalta.ukrainian.dates import format_decimal
from shpalta.ukrainian.plurals import votes_phrase

from .models import ArticleRating, Vote


@dataclass(frozen=True)
class RatingSummary:
    votes_count: int
    stars_total: int

    @property
    def average(self) -> float:
        return self.stars_total / self.votes_count if self.votes_count else 0.0

    @property
    def average_display(self) -> str:
        return format_decimal(self.average)

    @property
    def votes_display(self) -> str:
        return votes_phrase(self.votes_count)

    @property
    def label(self) -> str:
        if not self.votes_count:
            return "Оцінок ще немає. Будьте першими!"
        return f"Середня оцінка: {self.average_display} з 5 · {self.votes_display}"

    def as_dict(self) -> dict:
        return {
            "average": round(self.average, 2),
            "average_display": self.average_display,
            "votes": self.votes_count,
            "votes_display": self.votes_display,
            "label": self.label,
        }


EMPTY = RatingSummary(0, 0)


def summary_from(rating: ArticleRating | None) -> RatingSummary:
    return RatingSummary(rating.votes_count, rating.stars_total) if rating else EMPTY


def rating_for_article(article) -> RatingSummary:
    """From an article loaded with select_related("rating"): no extra query."""
    try:
        return summary_from(article.rating)
    except ArticleRating.DoesNotExist:
        return EMPTY


def rating_by_id(article_id: int) -> RatingSummary:
    if not 0 < article_id < 2**63:  # no such article; SQLite cannot even bind the number
        return EMPTY
    return summary_from(ArticleRating.objects.filter(article_id=article_id).first())


def reader_stars(article_id: int, reader: str | None) -> int | None:
    if not reader:
        return None
    return (
        Vote.objects.filter(article_id=article_id, reader=reader)
        .values_list("stars", flat=True)
        .first()
    )
