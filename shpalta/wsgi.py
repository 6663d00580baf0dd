import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shpalta.settings")

from django.conf import settings

from shpalta.core.pagecache import PageCache

# The page cache answers hits before Django's routing, middleware and views are involved.
application = get_wsgi_application()
if settings.PAGE_CACHE_ENABLED:
    application = PageCache(application)
