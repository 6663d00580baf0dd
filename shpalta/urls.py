from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from shpalta.core import views as core_views

admin.site.site_header = f"{settings.SITE_NAME}: редакція"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Редакція"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", core_views.health, name="health"),
    path("foto/", include("shpalta.images.urls")),
    path("api/v1/", include("shpalta.api.urls")),
    # The news pages first: an article missing the page cache is resolved at the second
    # pattern tried instead of the thirtieth. No address below is one of theirs (every
    # pattern matches whole addresses).
    path("", include("shpalta.news.urls")),
    path("", include("shpalta.feeds.urls")),
    path("", include("shpalta.ratings.urls")),
    path("", include("shpalta.search.urls")),
    path("", include("shpalta.entities.urls")),
    path("", include("shpalta.newsroom.urls")),
]

if settings.DEV_MODE:
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))

handler404 = "shpalta.core.views.page_not_found"
handler500 = "shpalta.core.views.server_error"
handler400 = "shpalta.core.views.bad_request"
