from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "shpalta.ratings"
    verbose_name = "Оцінки читачів"
