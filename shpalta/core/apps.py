from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "shpalta.core"
    verbose_name = "Інфраструктура"
