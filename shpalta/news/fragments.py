"""The article's own markup, rendered once and stored beside it (ArticleFragment).

A page-cache miss used to build the article, its authors, tags, outlets and six other
stories as model instances and run the templates over them: 4–7 ms of CPU, most of the
miss (docs/benchmarks.md). The markup of an article changes only when the article, or a
name it shows, changes; so it is rendered once and a miss joins stored strings:
  - the page's head (description, canonical link, JSON-LD, OpenGraph) and the article
    itself, cut around what changes without an edit of it: its entities block and the
    rating's numbers, which the page fills in on every render;
  - its card, which «Інші новини» of other stories show.

A stored part carries a stamp: the version of the templates and code that render it, the
render epoch (bumped by an edit of a section, tag, author, outlet or photo, in the same
transaction) and the article's updated_at. Reads compare the stamp with the row they read;
a stale or missing part is rendered again by the reader and stored (so an upgrade, or an
archive imported in bulk, needs no step before it serves: `shpalta fragments_render` only
spares the first readers the work).
"""

import functools
import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from markupsafe import Markup

from shpalta.core.settings_memo import read_once

from .models import Article, ArticleFragment, RenderEpoch

ENTITIES_SLOT = Markup("<!--shpalta:entities-->")
RATING_SLOT = Markup("<!--shpalta:rating-->")
logger = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent.parent
# What the stored markup is made of: a deploy that changes any of it re-renders every
# fragment on first read. Whole directories of templates, and the code that formats.
RENDERING_SOURCES = (
    "*/jinja2/**/*.html",
    "jinja2/**/*.html",
    "core/jinja.py",
    "core/links.py",
    "core/templatetags/*.py",
    "feeds/presentation.py",
    "feeds/structured.py",
    "images/presentation.py",
    "images/renditions.py",
    "news/fragments.py",
    "ukrainian/*.py",
)


# Settings the stored markup shows (the site's name and address, the pictures used when
# a story has none, the Twitter account, where photos and static files are served from).
RENDERING_SETTINGS = ("SITE_URL", "SITE_NAME", "SITE_DEFAULT_IMAGE", "SITE_LOGO",
                      "TWITTER_SITE", "STATIC_URL", "MEDIA_URL", "IMAGES_STORAGE")  # fmt: skip


@read_once
def rendering_version() -> str:
    """Read on every stamp (eight times a miss)."""
    values = (repr(getattr(settings, name, None)) for name in RENDERING_SETTINGS)
    digest = hashlib.sha1("\n".join(values).encode())
    digest.update(_sources_digest())
    return digest.hexdigest()[:16]


@functools.cache
def _sources_digest() -> bytes:
    digest = hashlib.sha1()
    for pattern in RENDERING_SOURCES:
        for path in sorted(PACKAGE.glob(pattern)):
            digest.update(path.read_bytes())
    return digest.digest()


def stamp_for(epoch: int | None, updated_at: datetime) -> str:
    return f"{rendering_version()}.{epoch}.{updated_at.timestamp():.6f}"


@dataclass(frozen=True)
class PageParts:
    """The article's page markup around the parts filled in per render."""

    head: Markup
    top: Markup
    rating_top: Markup
    rating_end: Markup


def page_parts_render(article: Article, *, preview: bool = False) -> PageParts:
    """From an article with its section, photo, authors, tags and outlets loaded."""
    context = {"article": article, "preview": preview}
    head = render_to_string("news/fragments/head.html", context)
    markup = render_to_string(
        "news/fragments/article.html",
        context | {"ENTITIES_SLOT": ENTITIES_SLOT, "RATING_SLOT": RATING_SLOT},
    )
    # The slots come last in the article, after the body: the last ones are ours.
    before_rating, _, rating_end = markup.rpartition(RATING_SLOT)
    top, _, rating_top = before_rating.rpartition(ENTITIES_SLOT)
    return PageParts(Markup(head), Markup(top), Markup(rating_top), Markup(rating_end))


def card_render(article: Article) -> Markup:
    """The card «Інші новини» shows, from an article loaded as lists load it."""
    return Markup(render_to_string("news/fragments/card.html", {"article": article}))


def page_parts_store(*, article_id: int, stamp: str, parts: PageParts) -> None:
    values = {"stamp": stamp, "head": parts.head, "top": parts.top,
              "rating_top": parts.rating_top, "rating_end": parts.rating_end}  # fmt: skip
    _upsert([ArticleFragment(article_id=article_id, **values)], list(values))


def cards_store(cards: dict[int, tuple[str, str]]) -> None:
    """{article id: (stamp, card)}, in one statement."""
    rows = [ArticleFragment(article_id=pk, card_stamp=stamp, card=card)
            for pk, (stamp, card) in cards.items()]  # fmt: skip
    _upsert(rows, ["card_stamp", "card"])


def _upsert(rows: list[ArticleFragment], fields: list[str]) -> None:
    """One statement, whoever stores first; a reader's store never fails its page (an
    article deleted meanwhile simply has nothing to keep)."""
    try:
        with transaction.atomic():
            ArticleFragment.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["article"], update_fields=fields
            )
    except Exception:  # a busy or read-only database: serve the page, keep nothing
        logger.warning("fragments: storing %s failed", [row.article_id for row in rows])


def render_epoch_bump() -> None:
    """Every stored fragment is stale from this transaction's commit on. A new value, never
    a count: a rolled-back bump must not hand its value to a later one, because processes
    keep what they rendered under an epoch (the page's shell)."""
    value = time.time_ns()
    if not RenderEpoch.objects.filter(pk=1).update(value=value):
        RenderEpoch.objects.get_or_create(pk=1, defaults={"value": value})


def on_shown_name_changed(sender, **kwargs) -> None:
    """A section, tag, author, outlet or photo edited: its name or picture is in many
    stored fragments."""
    render_epoch_bump()


def fragments_fill(*, batch_size: int = 500, progress=None) -> int:
    """Render and store the markup of every public article whose stored markup is missing
    or stale, oldest id first, a batch per transaction. Readers do this themselves on first
    view; after an upgrade or a bulk import this spares them the work. Returns how many
    articles were rendered."""
    from .selectors import markup_batch

    rendered, after = 0, 0
    while True:
        epoch = RenderEpoch.objects.filter(pk=1).values_list("value", flat=True).first()
        ids = _stale_ids(after, batch_size, epoch)
        if ids is None:
            return rendered
        after, stale = ids
        if stale:
            _fill_batch(markup_batch(stale), epoch)
            rendered += len(stale)
        if progress is not None:
            progress(after, rendered)


def _stale_ids(after: int, batch_size: int, epoch) -> tuple[int, list[int]] | None:
    rows = list(
        Article.objects.published()
        .filter(pk__gt=after)
        .order_by("pk")
        .values_list("pk", "updated_at", "fragment__stamp", "fragment__card_stamp")[:batch_size]
    )
    if not rows:
        return None
    stale = [pk for pk, updated_at, stamp, card_stamp in rows
             if not stamp == card_stamp == stamp_for(epoch, updated_at)]  # fmt: skip
    return rows[-1][0], stale


def _fill_batch(articles: list[Article], epoch) -> None:
    rows = []
    for article in articles:
        stamp = stamp_for(epoch, article.updated_at)
        parts = page_parts_render(article)
        rows.append(ArticleFragment(
            article_id=article.pk, stamp=stamp, head=parts.head, top=parts.top,
            rating_top=parts.rating_top, rating_end=parts.rating_end, card_stamp=stamp,
            card=card_render(article),
        ))  # fmt: skip
    fields = ["stamp", "head", "top", "rating_top", "rating_end", "card_stamp", "card"]
    _upsert(rows, fields)
