from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """An editor's key to the write API. Only a SHA-256 of the token is stored: the token is
    shown once, when made, and a leaked database does not leak working tokens. The tokens are
    long random strings, so a fast hash is enough (no password stretching needed)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="користувач",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("призначення", max_length=100, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        "початок токена", max_length=12, editable=False, help_text="Щоб упізнати токен."
    )
    created_at = models.DateTimeField("створено", auto_now_add=True)
    last_used_at = models.DateTimeField("востаннє використано", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API-токен"
        verbose_name_plural = "API-токени"

    def __str__(self):
        return f"{self.prefix}… ({self.user})"
