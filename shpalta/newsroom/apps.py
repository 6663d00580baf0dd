from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "shpalta.newsroom"
    verbose_name = "Редакція"

    def ready(self):
        from shpalta.news.signals import article_changed

        from . import receivers

        article_changed.connect(receivers.on_article_changed, dispatch_uid="newsroom.revisions")
