from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from shpalta.news.models import Article

from .guard import HONEYPOT_FIELD
from .selectors import rating_by_id
from .services import vote_cast
from .validation import VoteRejected, cookie_challenge, vote_admitted, vote_checked


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


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
        article, stars, reader = vote_checked(
            request,
            article_id,
            request.POST.get("stars"),
            honeypot=request.POST.get(HONEYPOT_FIELD),
        )
        if reader is None:
            return cookie_challenge(request)
        address_hash = vote_admitted(request, reader)
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


@require_safe
@cache_control(public=True, max_age=5, s_maxage=5)
def summary(request, article_id: int):
    """The numbers the page shows, fetched by the page itself: votes never purge pages.
    Browsers, nginx and the page cache keep them five seconds, then ask again."""
    return JsonResponse(rating_by_id(article_id).as_dict())
