"""Security headers on every response. No inline script or style anywhere, so the
Content-Security-Policy needs no 'unsafe-inline'."""

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


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith("/admin/")
            response["Content-Security-Policy"] = (
                ADMIN_CONTENT_SECURITY_POLICY if admin else CONTENT_SECURITY_POLICY
            )
        response.setdefault("Permissions-Policy", "interest-cohort=(), camera=(), microphone=()")
        return response
