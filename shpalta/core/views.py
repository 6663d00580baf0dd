import logging

from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

log = logging.getLogger(__name__)


@never_cache
def health(request):
    """Database (and its replica, when there is one) and cache answer, or 503 with which one
    did not. nginx and the load balancer take an app server out of rotation on a 503."""
    checks = {"database": _database_ok("default"), "cache": _cache_ok()}
    if "replica" in connections:
        checks["replica"] = _database_ok("replica")
    status = 200 if all(checks.values()) else 503
    if status != 200:
        log.error("health check failed", extra={"event": "health_failed", **checks})
    return JsonResponse({"status": "ok" if status == 200 else "fail", **checks}, status=status)


def _database_ok(alias: str) -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _cache_ok() -> bool:
    try:
        cache.set("health:probe", "1", 10)
        return cache.get("health:probe") == "1"
    except Exception:
        return False


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)
