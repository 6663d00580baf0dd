from django.apps import AppConfig


class EntitiesConfig(AppConfig):
    name = "shpalta.entities"
    verbose_name = "Персони й теми"

    def ready(self):
        from shpalta.news.signals import article_changed

        from .receivers import on_article_changed

        article_changed.connect(on_article_changed, dispatch_uid="entities.article_changed")
