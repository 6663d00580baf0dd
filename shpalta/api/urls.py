"""/api/v1/: the ninja API, with JSON for the two answers ninja leaves to Django (a wrong
method and an unknown address), so that every API error is JSON."""

from functools import wraps

from django.http import JsonResponse
from django.urls import Resolver404, path, re_path, resolve
from django.views.decorators.csrf import csrf_exempt

from .api import api

API_ROOT = "/api/v1/"


def _json_method_not_allowed(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            json_response = JsonResponse(
                {"error": f"Метод {request.method} тут не підтримується. Дозволено: {allowed}."},
                status=405,
            )
            json_response["Allow"] = allowed
            return json_response
        return response

    return wrapper


@csrf_exempt  # an unknown address is a 404 for every method, never a CSRF page
def not_found(request):
    message = "Такої адреси в API немає. Перелік — у /api/v1/openapi.json."
    if not request.path.endswith("/"):
        try:
            resolve(request.path + "/")
            message = f"Адреса має закінчуватися скісною рискою: {request.path}/"
        except Resolver404:
            pass
    return JsonResponse({"error": message}, status=404)


def _patterns():
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if hasattr(pattern, "callback") and pattern.callback is not None:
            csrf_exempt = getattr(pattern.callback, "csrf_exempt", False)
            pattern.callback = _json_method_not_allowed(pattern.callback)
            pattern.callback.csrf_exempt = csrf_exempt
    return patterns, app_name, namespace


api_patterns = _patterns()
urlpatterns = [
    path("", api_patterns),
    re_path(r"^", not_found),  # anything else under /api/v1/, even with a line break in it
]
