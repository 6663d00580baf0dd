from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class NewsConfig(AppConfig):
    name = "shpalta.news"
    verbose_name = "Новини"

    def ready(self):
        from . import fragments
        from .models import Author, Section, Source, Tag

        # Their names and addresses are in the stored markup of many stories (the same
        # changes refresh every cached page: shpalta.core.apps).
        for model in (Section, Tag, Author, Source):
            for signal in (post_save, post_delete):
                signal.connect(
                    fragments.on_shown_name_changed,
                    sender=model,
                    dispatch_uid=f"news.fragments.{signal is post_save}.{model.__name__}",
                )
