from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "shpalta.newsroom"
    verbose_name = "Редакція"

    def ready(self):
        from django.db.models.signals import post_migrate

        from shpalta.news.signals import article_changed

        from . import receivers, roles

        article_changed.connect(receivers.on_article_changed, dispatch_uid="newsroom.revisions")
        post_migrate.connect(roles.roles_sync, sender=self, dispatch_uid="newsroom.roles")
