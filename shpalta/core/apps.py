from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_delete


class CoreConfig(AppConfig):
    name = "shpalta.core"
    verbose_name = "Інфраструктура"

    def ready(self):
        from shpalta.news.models import Article, Author, Section, Source, Tag
        from shpalta.news.signals import article_changed

        from . import (
            checks,  # noqa: F401  (registers the deployment checks)
            purge,
        )

        article_changed.connect(purge.on_article_changed, dispatch_uid="core.purge.article")
        pre_delete.connect(
            purge.on_article_deleting, sender=Article, dispatch_uid="core.purge.article_delete"
        )
        # Names of sections (the menu on every page), tags, authors and outlets show on
        # pages of many stories: renaming one is rare, so it refreshes the whole site.
        for model in (Section, Tag, Author, Source):
            for signal in (post_save, post_delete):
                signal.connect(
                    purge.on_site_wide_change,
                    sender=model,
                    dispatch_uid=f"core.purge.{signal is post_save}.{model.__name__}",
                )
