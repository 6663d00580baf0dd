"""Tiny public endpoints the cached pages call: the banner, the most-read list and the read
beacon. None of them sets a cookie or looks at who the reader is."""

from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from shpalta.news.models import Article

from .bots import is_bot
from .breaking import breaking_current
from .mostread import article_view_count, most_read_cached

JSON_OPTIONS = {"json_dumps_params": {"ensure_ascii": False}}


@require_GET
@cache_control(public=True, max_age=5)
def breaking(request):
    return JsonResponse(breaking_current(), **JSON_OPTIONS)


@require_GET
@cache_control(public=True, max_age=60)
def most_read(request):
    return JsonResponse({"items": most_read_cached()}, **JSON_OPTIONS)


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, **JSON_OPTIONS)


@csrf_exempt  # no token can live in cached HTML; the browser's Sec-Fetch-Site decides
@never_cache
@require_POST
def article_read(request, article_id: int):
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return _error(403, "Перегляди рахуються лише зі сторінок нашого сайту.")
    if is_bot(request.headers.get("User-Agent")):
        return HttpResponse(status=204)  # answered like a read, so bots learn nothing
    if not Article.objects.published().filter(pk=article_id).exists():
        return _error(404, "Такої статті немає, або вона ще не опублікована.")
    article_view_count(article_id=article_id)
    return HttpResponse(status=204)
