from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "shpalta.news"
    verbose_name = "Новини"
