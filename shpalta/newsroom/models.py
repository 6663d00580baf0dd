"""The newsroom's working records around an article: review, comments, edit locks,
revisions, the breaking-news banner and hourly view counts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ArticleReview(models.Model):
    """Where a draft stands between its author and the editors."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", "на перевірці"
        RETURNED = "returned", "повернуто автору"
        APPROVED = "approved", "опубліковано"

    article = models.OneToOneField(
        "news.Article",
        verbose_name="стаття",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="review",
    )
    state = models.CharField("стан перевірки", max_length=10, choices=State.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="надіслав(ла)",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("надіслано")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="рішення ухвалив(ла)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("рішення ухвалено", null=True, blank=True)

    class Meta:
        verbose_name = "перевірка статті"
        verbose_name_plural = "черга перевірки"
        ordering = ["submitted_at"]
        indexes = [models.Index(fields=["state", "submitted_at"], name="review_state_submitted")]
        # The role permissions live here: they are about the newsroom's workflow, not data.
        permissions = [
            ("edit_any_article", "Редагує будь-які статті, не лише власні чернетки"),
            ("publish_article", "Публікує, планує й знімає з публікації статті"),
        ]

    def __str__(self):
        return f"{self.article}: {self.get_state_display()}"


class Comment(models.Model):
    """An editor's or author's note on a draft; never shown to readers."""

    article = models.ForeignKey(
        "news.Article", verbose_name="стаття", on_delete=models.CASCADE, related_name="comments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="хто",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField("коментар")
    created_at = models.DateTimeField("коли", default=timezone.now)

    class Meta:
        verbose_name = "коментар редакції"
        verbose_name_plural = "коментарі редакції"
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:60]


class EditLock(models.Model):
    """Who has the article open in the admin. Expires by itself: a closed laptop never
    holds an article hostage."""

    article = models.OneToOneField(
        "news.Article", on_delete=models.CASCADE, primary_key=True, related_name="edit_lock"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    acquired_at = models.DateTimeField()
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name = "блокування редагування"
        verbose_name_plural = "блокування редагування"

    def __str__(self):
        return f"{self.article_id}: {self.user_id}"


class Revision(models.Model):
    """The article as one save left it: who, when, which fields changed, and all of them."""

    article = models.ForeignKey(
        "news.Article", verbose_name="стаття", on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField("№")
    created_at = models.DateTimeField("коли", default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="хто",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_fields = models.JSONField("змінені поля", default=list)
    data = models.JSONField("знімок")
    note = models.CharField("примітка", max_length=200, blank=True)

    class Meta:
        verbose_name = "версія статті"
        verbose_name_plural = "версії статей"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_number_unique")
        ]

    def __str__(self):
        return f"{self.article_id} №{self.number}"


class BreakingNews(models.Model):
    """The banner across every page. At most one is live: the newest one not cleared."""

    text = models.CharField("текст", max_length=200)
    url = models.CharField("посилання", max_length=300, blank=True)
    live = models.BooleanField("на сайті", default=True)
    created_at = models.DateTimeField("показано з", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="хто показав",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cleared_at = models.DateTimeField("знято", null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="хто зняв",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "термінова новина"
        verbose_name_plural = "термінові новини"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["live"], condition=Q(live=True), name="breaking_one_live"
            )
        ]

    def __str__(self):
        return self.text


class ArticleViewHour(models.Model):
    """Reads of one article in one clock hour (UTC). No reader is recorded, only the sum."""

    article = models.ForeignKey(
        "news.Article", verbose_name="стаття", on_delete=models.CASCADE, related_name="view_hours"
    )
    hour = models.DateTimeField("година")
    views = models.PositiveIntegerField("перегляди", default=0)

    class Meta:
        verbose_name = "перегляди за годину"
        verbose_name_plural = "перегляди за годинами"
        ordering = ["-hour", "-views"]
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="views_one_row_per_hour")
        ]
        indexes = [models.Index(fields=["hour"], name="views_hour")]

    def __str__(self):
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}: {self.views}"
