from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "shpalta.importers"
    verbose_name = "Імпорт"
