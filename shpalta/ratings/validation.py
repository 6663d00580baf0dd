"""The rules a vote must pass, shared by the HTML form handler and the JSON API, so both
refuse the same votes with the same words."""

import logging
from urllib.parse import urlsplit

from django.http import HttpResponseRedirect

from shpalta.news.models import Article

from . import guard, readers
from .models import MAX_STARS, MIN_STARS

COOKIE_CHECK = "cookie_check"
log = logging.getLogger(__name__)


class VoteRejected(Exception):
    def __init__(self, status: int, message: str, *, retry_after: int = 0):
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


def public_article(article_id: int) -> Article:
    if not 0 < article_id < 2**63:
        raise VoteRejected(404, "Такої статті немає, або вона ще не опублікована.")
    article = (
        Article.objects.published().filter(pk=article_id).only("id", "slug", "headline").first()
    )
    if article is None:
        raise VoteRejected(404, "Такої статті немає, або вона ще не опублікована.")
    return article


def parse_stars(raw: str | int | None) -> int:
    """Whole stars from 1 to 5, from a form field (text) or an API body (a number)."""
    try:
        stars = raw if type(raw) is int else int((raw or "").strip())
    except (ValueError, AttributeError):
        stars = 0
    if not MIN_STARS <= stars <= MAX_STARS:
        raise VoteRejected(400, "Оцінка має бути цілим числом від 1 до 5.")
    return stars


def check_same_origin(request) -> None:
    """Votes come from our own pages: no CSRF token can live in cached HTML, so the
    browser's own Origin and Sec-Fetch-Site headers decide."""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        raise VoteRejected(403, "Голосувати можна лише зі сторінок нашого сайту.")
    origin = request.headers.get("Origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.get_host():
        raise VoteRejected(403, "Голосувати можна лише зі сторінок нашого сайту.")


def check_honeypot(value: str | None) -> None:
    """People never see the form's `website` field; a form that arrives with it filled was
    filled by a script. Nothing is counted, and the answer says so plainly."""
    if (value or "").strip():
        log.warning("vote rejected", extra={"event": "vote_rejected", "reason": "honeypot"})
        raise VoteRejected(400, "Голос не враховано: форму заповнено автоматично.")


def vote_checked(
    request, article_id: int, raw_stars, *, honeypot: str | None = None
) -> tuple[Article, int, str | None]:
    """(article, stars, reader) for a vote that passes every rule; reader is None for a
    first-time reader, who gets the cookie first (cookie_challenge)."""
    article = public_article(article_id)
    check_same_origin(request)
    check_honeypot(honeypot)
    stars = parse_stars(raw_stars)
    return article, stars, readers.reader_from(request)


def vote_admitted(request, reader: str) -> str:
    """Count the vote against the reader's and the address's rate limits; the address's
    daily hash (stored with the vote) when both allow it."""
    address_hash = guard.request_ip_hash(request)
    wait = guard.vote_rate_wait(reader=reader, address_hash=address_hash)
    if wait:
        log.warning(
            "vote rate limited",
            extra={"event": "vote_rejected", "reason": "rate", "ip_hash": address_hash},
        )
        minutes = max(1, round(wait / 60))
        raise VoteRejected(
            429, f"Забагато голосів поспіль. Спробуйте ще раз за {minutes} хв.", retry_after=wait
        )
    return address_hash


def cookie_challenge(request) -> HttpResponseRedirect:
    """First vote of a new reader: set the cookie and let the browser repeat the POST (307).
    If it comes back still without the cookie, the browser refuses cookies."""
    if request.GET.get(COOKIE_CHECK):
        raise VoteRejected(
            400, "Щоб проголосувати, дозвольте сайту зберігати cookie у вашому браузері."
        )
    response = HttpResponseRedirect(f"{request.path}?{COOKIE_CHECK}=1")
    response.status_code = 307
    readers.remember_reader(response, readers.new_reader_id())
    return response
