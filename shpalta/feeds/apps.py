from django.apps import AppConfig


class FeedsConfig(AppConfig):
    """RSS/Atom feeds, sitemaps, robots.txt and the structured data of article pages.
    An interface app: it reads published articles and owns no models."""

    name = "shpalta.feeds"
    verbose_name = "Стрічки й карти сайту"

    def ready(self):
        from shpalta.news.signals import article_changed

        from .sitemaps import forget_index

        article_changed.connect(forget_index, dispatch_uid="feeds.forget_sitemap_index")
