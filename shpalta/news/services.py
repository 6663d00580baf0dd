"""Writes to articles: create, edit, publish, unpublish, schedule. Views and admin call these."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from shpalta.ukrainian.slugs import slugify_uk
from shpalta.ukrainian.teasers import teaser
from shpalta.ukrainian.text import collapse_spaces

from .models import Article, SlugRedirect
from .sanitize import sanitize_body
from .signals import article_changed

FALLBACK_SLUG = "stattia"


@dataclass(frozen=True)
class ArticleState:
    """An article as it was before a change: what pages listed it, under which address."""

    slug: str
    headline: str
    status: str
    published_at: datetime | None
    first_published_at: datetime | None
    section_id: int
    tag_ids: frozenset[int]
    author_ids: frozenset[int]
    was_public: bool

    @classmethod
    def load(cls, article_id: int | None) -> "ArticleState | None":
        if article_id is None:
            return None
        row = Article.objects.filter(pk=article_id).first()
        if row is None:
            return None
        return cls(
            slug=row.slug,
            headline=row.headline,
            status=row.status,
            published_at=row.published_at,
            first_published_at=row.first_published_at,
            section_id=row.section_id,
            tag_ids=frozenset(row.tags.values_list("id", flat=True)),
            author_ids=frozenset(row.authors.values_list("id", flat=True)),
            was_public=row.is_public,
        )


def plain_text(value: str) -> str:
    return collapse_spaces(strip_tags(value or ""))


def teaser_for(lede: str, body_html: str) -> str:
    """Stored at save time so that lists never cut text while rendering."""
    return teaser(f"{lede} {plain_text(body_html)}", settings.TEASER_LENGTH)


SLUG_PROBE = 20  # namesakes checked in the first exact-match probe; later probes grow 4x


def _taken_slugs(article_id: int | None, candidates: list[str]) -> set[str]:
    return set(
        Article.objects.filter(slug__in=candidates)
        .exclude(pk=article_id)
        .values_list("slug", flat=True)
    ) | set(
        SlugRedirect.objects.filter(old_slug__in=candidates)
        .exclude(article_id=article_id)
        .values_list("old_slug", flat=True)
    )


def unique_slug(base: str, *, article_id: int | None) -> str:
    """The base, else base-2, base-3 … Probed by exact IN lists on the unique index, in
    windows that grow 4x: a prefix LIKE cannot use an index on SQLite and would scan every
    article on every save, which a 100,000-article import turns into hours."""
    base = base or FALLBACK_SLUG
    first, size = 1, SLUG_PROBE
    while True:
        probe = [base if n == 1 else f"{base}-{n}" for n in range(first, first + size)]
        taken = _taken_slugs(article_id, probe)
        for candidate in probe:
            if candidate not in taken:
                return candidate
        first, size = first + size, size * 4


def _choose_slug(article: Article, previous: ArticleState | None) -> str:
    """Before first publication the slug follows the headline unless typed by hand; from
    first publication on it is fixed, and only an editor's rename changes it."""
    typed = slugify_uk(article.slug) if article.slug else ""
    if previous is None:
        return unique_slug(typed or slugify_uk(article.headline), article_id=article.pk)
    if typed and typed != previous.slug:
        return unique_slug(typed, article_id=article.pk)
    follows_headline = previous.slug.startswith(slugify_uk(previous.headline) or FALLBACK_SLUG)
    if previous.first_published_at is None and (not typed or follows_headline):
        return unique_slug(slugify_uk(article.headline), article_id=article.pk)
    return previous.slug


def _prepare(article: Article, previous: ArticleState | None) -> None:
    article.headline = plain_text(article.headline)
    article.lede = plain_text(article.lede)
    article.body = sanitize_body(article.body)
    article.teaser = teaser_for(article.lede, article.body)
    if article.status != Article.Status.DRAFT and article.published_at is None:
        article.published_at = timezone.now()
    if article.status != Article.Status.DRAFT and article.first_published_at is None:
        article.first_published_at = article.published_at
    article.slug = _choose_slug(article, previous)


def _record_rename(article: Article, previous: ArticleState | None) -> None:
    if previous is None or previous.slug == article.slug:
        return
    SlugRedirect.objects.filter(old_slug=article.slug).delete()
    if previous.first_published_at is not None:
        SlugRedirect.objects.update_or_create(old_slug=previous.slug, defaults={"article": article})


def _notify(article: Article, previous: ArticleState | None) -> None:
    article_changed.send(sender=Article, article=article, previous=previous)


@transaction.atomic
def article_save(
    *,
    article: Article,
    authors=None,
    tags=None,
    sources=None,
    previous: ArticleState | None = None,
    notify: bool = True,
) -> Article:
    """Create or edit. Pass `previous` when the caller loaded it before changing fields
    (the admin does); otherwise it is read from the database."""
    if previous is None and article.pk is not None:
        previous = ArticleState.load(article.pk)
    _prepare(article, previous)
    article.save()
    _record_rename(article, previous)
    for field, values in (("authors", authors), ("tags", tags), ("sources", sources)):
        if values is not None:
            getattr(article, field).set(values)
    if notify:
        _notify(article, previous)
    return article


def article_notify(*, article: Article, previous: ArticleState | None) -> None:
    """For callers that save relations themselves after article_save(notify=False)."""
    _notify(article, previous)


@transaction.atomic
def article_publish(*, article: Article, at: datetime | None = None) -> Article:
    """Publish now, or schedule when `at` is in the future."""
    previous = ArticleState.load(article.pk)
    now = timezone.now()
    at = at or now
    article.status = Article.Status.SCHEDULED if at > now else Article.Status.PUBLISHED
    article.published_at = at
    return article_save(article=article, previous=previous)


@transaction.atomic
def article_unpublish(*, article: Article) -> Article:
    previous = ArticleState.load(article.pk)
    article.status = Article.Status.DRAFT
    return article_save(article=article, previous=previous)


def named_slug(model, name: str, *, pk: int | None = None, fallback: str = "x") -> str:
    """A unique KMU-2010 slug for the name of a section, tag, author or entity."""
    base = slugify_uk(name) or fallback
    taken = set(
        model.objects.filter(slug__startswith=base).exclude(pk=pk).values_list("slug", flat=True)
    )
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
