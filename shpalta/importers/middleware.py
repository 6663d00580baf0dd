"""Old addresses of an imported site keep working: a 301 to where the content lives now."""

from django.http import HttpResponsePermanentRedirect

from .selectors import legacy_redirect_target

# WordPress answers /?p=123 and /?page_id=123 wherever pretty permalinks are on;
# "Читайте також" links and old shares use them, and "/" itself is our front page.
_WORDPRESS_ID_PARAMS = ("p", "page_id")


class LegacyRedirectMiddleware:
    """Looks a path up only when nothing else answered it (a 404), so ordinary pages pay
    nothing; the one exception is a WordPress `/?p=ID` address, which lands on the front page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        wordpress_id = _wordpress_id_path(request)
        if wordpress_id:
            target = legacy_redirect_target(wordpress_id)
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = legacy_redirect_target(request.path)
        return HttpResponsePermanentRedirect(target) if target else response


def _wordpress_id_path(request) -> str:
    if request.path != "/" or not request.GET:
        return ""
    for name in _WORDPRESS_ID_PARAMS:
        value = request.GET.get(name, "")
        if value.isdigit():
            return f"/?{name}={int(value)}"
    return ""
