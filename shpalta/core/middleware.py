"""Security headers on every response. No inline script or style anywhere, so the
Content-Security-Policy needs no 'unsafe-inline'."""

import base64
import hashlib
import re

from django.http import HttpResponseBadRequest, JsonResponse

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data: https:",
        "script-src 'self'",
        "style-src 'self'",
        "font-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
ADMIN_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)  # the editor's admin ships inline styles of Django's own


# The rich-text editor's assets load through an inline import map (data, not code); the
# admin allows exactly those bytes by hash instead of any inline script.
_IMPORT_MAP = re.compile(rb'<script type="importmap">(.*?)</script>', re.S)


def admin_policy(response) -> str:
    content_type = response.get("Content-Type", "")
    if response.streaming or not content_type.startswith("text/html"):
        return ADMIN_CONTENT_SECURITY_POLICY
    hashes = {
        f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
        for body in _IMPORT_MAP.findall(response.content)
    }
    if not hashes:
        return ADMIN_CONTENT_SECURITY_POLICY
    allowed = " ".join(sorted(hashes))
    return ADMIN_CONTENT_SECURITY_POLICY.replace(
        "script-src 'self'", f"script-src 'self' {allowed}"
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith("/admin/")
            response["Content-Security-Policy"] = (
                admin_policy(response) if admin else CONTENT_SECURITY_POLICY
            )
        response.setdefault("Permissions-Policy", "interest-cohort=(), camera=(), microphone=()")
        return response


NUL_MESSAGE = "Запит містить нульовий символ (NUL), якого не буває в тексті. Перевірте адресу."


class RefuseNulMiddleware:
    """A NUL in a query string or a plain form field is refused with a 400 before any view
    runs: PostgreSQL cannot compare text with NUL and would fail the request with a 500 (the
    admin's list filters pass such values straight to the database). Forms of Django already
    refuse NUL in their fields; multipart bodies are left to them so uploads stream as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET) or (
            request.method == "POST"
            and request.content_type == "application/x-www-form-urlencoded"
            and _has_nul(request.POST)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"error": NUL_MESSAGE}, status=400, json_dumps_params=UTF8)
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


UTF8 = {"ensure_ascii": False}


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists())
