from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "shpalta.core"
    verbose_name = "Інфраструктура"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
