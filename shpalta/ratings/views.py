import logging
from urllib.parse import urlsplit

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from shpalta.news.models import Article

from . import guard, readers
from .models import MAX_STARS, MIN_STARS
from .selectors import rating_by_id
from .services import vote_cast

COOKIE_CHECK = "cookie_check"
log = logging.getLogger(__name__)


class VoteRejected(Exception):
    def __init__(self, status: int, message: str, *, retry_after: int = 0):
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _public_article(article_id: int) -> Article:
    article = (
        Article.objects.published().filter(pk=article_id).only("id", "slug", "headline").first()
    )
    if article is None:
        raise VoteRejected(404, "Такої статті немає, або вона ще не опублікована.")
    return article


def _parse_stars(raw: str | None) -> int:
    try:
        stars = int((raw or "").strip())
    except ValueError:
        stars = 0
    if not MIN_STARS <= stars <= MAX_STARS:
        raise VoteRejected(400, "Оцінка має бути цілим числом від 1 до 5.")
    return stars


def _check_same_origin(request) -> None:
    """Votes come from our own pages: no CSRF token can live in cached HTML, so the
    browser's own Origin and Sec-Fetch-Site headers decide."""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        raise VoteRejected(403, "Голосувати можна лише зі сторінок нашого сайту.")
    origin = request.headers.get("Origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.get_host():
        raise VoteRejected(403, "Голосувати можна лише зі сторінок нашого сайту.")


def _check_honeypot(request) -> None:
    """People never see the `website` field; a form that arrives with it filled was filled
    by a script. Nothing is counted, and the answer says so plainly."""
    if guard.honeypot_filled(request.POST):
        log.warning("vote rejected", extra={"event": "vote_rejected", "reason": "honeypot"})
        raise VoteRejected(400, "Голос не враховано: форму заповнено автоматично.")


def _check_rate(reader: str, address_hash: str) -> None:
    wait = guard.vote_rate_wait(reader=reader, address_hash=address_hash)
    if wait:
        log.warning(
            "vote rate limited",
            extra={"event": "vote_rejected", "reason": "rate", "ip_hash": address_hash},
        )
        minutes = max(1, round(wait / 60))
        raise VoteRejected(
            429,
            f"Забагато голосів поспіль. Спробуйте ще раз за {minutes} хв.",
            retry_after=wait,
        )


def _rejection(request, error: VoteRejected, article: Article | None = None) -> HttpResponse:
    if _wants_json(request):
        response = JsonResponse({"error": error.message}, status=error.status)
    else:
        context = {"error": error.message, "article": article}
        response = render(request, "ratings/result.html", context, status=error.status)
    if error.retry_after:
        response["Retry-After"] = str(error.retry_after)
    return response


@csrf_exempt
@require_POST
def vote(request, article_id: int):
    article = None
    try:
        article = _public_article(article_id)
        _check_same_origin(request)
        _check_honeypot(request)
        stars = _parse_stars(request.POST.get("stars"))
        reader = readers.reader_from(request)
        if reader is None:
            return _ask_for_cookie(request)
        address_hash = guard.request_ip_hash(request)
        _check_rate(reader, address_hash)
    except VoteRejected as error:
        return _rejection(request, error, article)
    _vote, created = vote_cast(
        article_id=article.pk, reader=reader, stars=stars, ip_hash=address_hash
    )
    summary = rating_by_id(article.pk)
    if _wants_json(request):
        return JsonResponse(summary.as_dict() | {"your_stars": stars, "created": created})
    context = {"article": article, "summary": summary, "stars": stars, "created": created}
    return render(request, "ratings/result.html", context)


def _ask_for_cookie(request) -> HttpResponse:
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


@require_GET
@cache_control(public=True, max_age=5)
def summary(request, article_id: int):
    """The numbers the page shows, fetched by the page itself: votes never purge pages."""
    return JsonResponse(rating_by_id(article_id).as_dict())
