"""Optimistic concurrency for the article form: the form carries the version it was opened
at, and a save over a newer version is refused instead of silently erasing it."""

from django import forms

from shpalta.ukrainian.dates import format_datetime

from .roles import display_name

STALE_MESSAGE = (
    "Поки ви редагували, цю статтю змінив(ла) {who} ({when}). Ваші зміни не збережено, "
    "щоб не стерти чужі. Скопіюйте свій текст, відкрийте статтю знову й перенесіть правки."
)


def version_token(article) -> str:
    return article.updated_at.isoformat() if article.updated_at else ""


def check_version(form: forms.ModelForm) -> None:
    """`form.instance` was loaded by this very request, so it is the newest version.
    A form without a token (not from our admin page) is not checked."""
    instance, sent = form.instance, form.cleaned_data.get("loaded_version")
    if instance.pk is None or not sent or sent == version_token(instance):
        return
    last = instance.revisions.select_related("user").order_by("-number").first()
    who = display_name(last.user) if last else "інший редактор"
    when = format_datetime(last.created_at if last else instance.updated_at)
    raise forms.ValidationError(STALE_MESSAGE.format(who=who, when=when), code="stale")
