from django.db import models

from shpalta.news.models import Article


class ImportedItem(models.Model):
    """Where an imported article came from: the key that makes a second run add nothing."""

    class Importer(models.TextChoices):
        WORDPRESS = "wordpress", "WordPress (WXR)"
        FEED = "feed", "RSS/Atom"
        JSONL = "jsonl", "JSONL"

    importer = models.CharField("імпорт", max_length=10, choices=Importer.choices)
    origin = models.CharField(
        "звідки", max_length=200, help_text="Адреса сайту WordPress, назва джерела чи файлу."
    )
    external_id = models.CharField("ідентифікатор у джерелі", max_length=500)
    article = models.ForeignKey(
        Article, verbose_name="стаття", on_delete=models.CASCADE, related_name="imported_from"
    )
    original_url = models.URLField("оригінал", max_length=1000, blank=True)
    original_published_at = models.DateTimeField("опубліковано в джерелі", null=True, blank=True)
    imported_at = models.DateTimeField("імпортовано", auto_now_add=True)

    class Meta:
        verbose_name = "імпортований матеріал"
        verbose_name_plural = "імпортовані матеріали"
        constraints = [
            models.UniqueConstraint(
                fields=["importer", "origin", "external_id"], name="imported_item_unique_key"
            ),
        ]

    def __str__(self):
        return f"{self.get_importer_display()} {self.origin} #{self.external_id}"


class LegacyRedirect(models.Model):
    """An address of the old site (a WordPress permalink, category or tag page) that now
    answers with a 301. Keyed by the decoded path, as Django hands it to us."""

    old_path = models.CharField("стара адреса", max_length=500, unique=True)
    article = models.ForeignKey(
        Article,
        verbose_name="стаття",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="legacy_redirects",
    )
    target_url = models.CharField(
        "нова адреса", max_length=500, blank=True, help_text="Для розділів, тегів і авторів."
    )

    class Meta:
        verbose_name = "переспрямування зі старого сайту"
        verbose_name_plural = "переспрямування зі старого сайту"

    def __str__(self):
        return f"{self.old_path} → {self.article_id or self.target_url}"
