from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from .links import absolute

# Pages for editors, per-reader answers and machine endpoints are no use in search results.
DISALLOWED = ["/admin/", "/preview/", "/ratings/", "/api/", "/search/"]


@require_GET
def robots(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), ""]
    lines += [f"Sitemap: {absolute(reverse('feeds:sitemap_index'))}"]
    lines += [f"Sitemap: {absolute(reverse('feeds:news_sitemap'))}", ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={settings.SITEMAP_MAX_AGE}"
    return response
