"""The JSON API, version 1. Every answer is JSON, errors included: {"error": "…"}.

Routers of other apps join here, one line each (search and entities come from their apps):

    ROUTERS.append(("/search/", "shpalta.search.api.router"))
"""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest
from django.utils.module_loading import import_string
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

logger = logging.getLogger(__name__)

ROUTERS: list[tuple[str, str]] = [
    ("/articles/", "shpalta.api.routers.articles.router"),
    ("/sections/", "shpalta.api.routers.taxonomy.sections"),
    ("/tags/", "shpalta.api.routers.taxonomy.tags"),
    ("/authors/", "shpalta.api.routers.taxonomy.authors"),
    ("/editor/articles/", "shpalta.api.routers.editor.router"),
    ("/search/", "shpalta.search.api.router"),
    # ("/entities/", "shpalta.entities.api.router"),  ← the entities app adds its router here
]

DESCRIPTION = """API новинного сайту «Шпальта».

Читання відкрите: статті (фільтри й курсорна пагінація), розділи, теги, автори, оцінки.
Голосувати можуть читачі (cookie читача, як на сайті). Редакторам — створення, зміна й
публікація статей з API-токеном (`Authorization: Bearer shp_…`), з тими самими правами,
що в адмінці.

Помилки завжди JSON: `{"error": "пояснення"}`; для перевірки полів ще й `details`.
"""


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Ukrainian text readable as it is


api = NinjaAPI(
    renderer=Renderer(),
    title="Шпальта API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url="/docs/",
)
for prefix, router in ROUTERS:
    api.add_router(prefix, import_string(router))


def _error(request: HttpRequest, status: int, message: str, **extra):
    return api.create_response(request, {"error": message, **extra}, status=status)


FIELD_MESSAGES = {
    "missing": "обов’язкове поле",
    "int_parsing": "має бути ціле число",
    "int_type": "має бути ціле число",
    "bool_parsing": "має бути true або false",
    "string_type": "має бути рядок",
    "string_too_short": "закоротке значення",
    "string_too_long": "задовге значення",
    "string_pattern_mismatch": "лише латинські літери, цифри, дефіс і підкреслення",
    "date_from_datetime_parsing": "дата у форматі РРРР-ММ-ДД",
    "date_parsing": "дата у форматі РРРР-ММ-ДД",
    "datetime_parsing": "час у форматі ISO 8601",
    "datetime_from_date_parsing": "час у форматі ISO 8601",
    "greater_than_equal": "замале значення",
    "less_than_equal": "завелике значення",
    "too_long": "забагато елементів",
    "list_type": "має бути список",
    "json_invalid": "тіло запиту — не JSON",
    "model_attributes_type": "тіло запиту має бути JSON-об’єктом",
}


def _field_errors(errors: list[dict]) -> list[dict]:
    details = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("payload",)]
        message = FIELD_MESSAGES.get(
            error.get("type", ""), error.get("msg", "неправильне значення")
        )
        if error.get("type") == "value_error":
            message = str(error.get("ctx", {}).get("error", message))
        details.append({"field": ".".join(location), "message": message})
    return details


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    details = _field_errors(exc.errors)
    summary = "; ".join(f"{d['field']}: {d['message']}" for d in details[:3])
    return _error(request, 400, f"Неправильний запит — {summary}.", details=details)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    response = _error(
        request,
        401,
        "Потрібен дійсний API-токен: заголовок «Authorization: Bearer <токен>».",
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


# Ninja's own refusals, in the language of the rest of the API.
NINJA_MESSAGES = {
    "Cannot parse request body": "Тіло запиту — не JSON, або JSON з помилкою.",
    "CSRF check Failed": "Перевірка CSRF не пройшла.",
}


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    message = str(exc.message)
    for english, ukrainian in NINJA_MESSAGES.items():
        if message.startswith(english):
            message = ukrainian
    return _error(request, exc.status_code, message)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request, exc):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return _error(request, 413, f"Тіло запиту завелике: більше за {limit} МБ.")


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _error(request, 404, "Не знайдено.")


@api.exception_handler(Exception)
def on_unexpected(request, exc):
    logger.exception("API error on %s %s", request.method, request.path)
    return _error(request, 500, "Внутрішня помилка сервера. Ми вже знаємо й виправляємо.")
