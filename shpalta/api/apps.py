from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The JSON API under /api/v1/ and the tokens editors' tools use to write through it."""

    name = "shpalta.api"
    verbose_name = "API"
