from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from shpalta.ukrainian.text import normalize_apostrophes

from .storage import image_storage


def search_key(text: str) -> str:
    return " ".join(normalize_apostrophes(text).casefold().split())


def _storage():
    return image_storage()


class Image(models.Model):
    """A photo in the library. One photo may lead many articles; it cannot be deleted
    while any article uses it."""

    key = models.CharField(max_length=24, unique=True, editable=False)
    file = models.FileField(
        "файл", storage=_storage, max_length=200, editable=False, upload_to="images/masters/"
    )
    width = models.PositiveIntegerField("ширина", editable=False)
    height = models.PositiveIntegerField("висота", editable=False)
    title = models.CharField(
        "назва", max_length=300, help_text="Для пошуку в бібліотеці; читачі її не бачать."
    )
    alt_text = models.CharField(
        "опис для незрячих (alt)",
        max_length=300,
        blank=True,
        help_text="Що на фото, одним реченням. Без нього статтю з цим фото не опублікувати.",
    )
    credit = models.CharField(
        "автор фото",
        max_length=200,
        blank=True,
        help_text="Лише ім’я або агенція: на сайті буде «Фото: …».",
    )
    source = models.CharField(
        "джерело", max_length=300, blank=True, help_text="Звідки фото: агенція, архів, соцмережа."
    )
    focal_x = models.PositiveSmallIntegerField(
        "фокус по горизонталі", default=500, validators=[MaxValueValidator(1000)]
    )
    focal_y = models.PositiveSmallIntegerField(
        "фокус по вертикалі", default=500, validators=[MaxValueValidator(1000)]
    )
    original_name = models.CharField("назва файлу", max_length=255, blank=True, editable=False)
    original_bytes = models.PositiveIntegerField("розмір завантаженого", default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="завантажив",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("завантажено", auto_now_add=True)
    # SQLite's LIKE folds case for ASCII only; a folded copy makes «малолєтка» find «Малолєтка».
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "фото"
        verbose_name_plural = "фото"

    def __str__(self):
        return f"{self.title} ({self.credit_line})" if self.credit else self.title

    def save(self, *args, **kwargs):
        self.search_text = search_key(" ".join((self.title, self.credit, self.source)))
        super().save(*args, **kwargs)

    @property
    def focal(self) -> tuple[int, int]:
        return (self.focal_x, self.focal_y)

    @property
    def credit_line(self) -> str:
        """«Фото: Ім’я / Джерело» as a caption shows it."""
        parts = [part for part in (self.credit, self.source) if part]
        return f"Фото: {' / '.join(parts)}" if parts else ""


# What a card in a list needs of its photo; list selectors load only these.
CARD_FIELDS = ["key", "width", "height", "alt_text", "focal_x", "focal_y"]
