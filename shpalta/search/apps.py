from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "shpalta.search"
    verbose_name = "Пошук"

    def ready(self):
        from shpalta.news.signals import article_changed

        from . import receivers

        article_changed.connect(receivers.article_changed_reindex, dispatch_uid="search-index")
