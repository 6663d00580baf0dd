from django.core.management.base import BaseCommand
from tqdm import tqdm

from shpalta.entities import related_lists, services
from shpalta.news.models import Article


class Command(BaseCommand):
    help = (
        "Перечитує всі статті: знаходить згадки персон і тем у будь-якій формі, оновлює "
        "зв’язки й «Інші новини». Потрібно після імпорту архіву чи змін у словнику."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-related", action="store_true", help="Не перераховувати «Інші новини»."
        )
        parser.add_argument("--no-progress", action="store_true", help="Без індикатора.")

    def handle(self, *args, skip_related=False, no_progress=False, **options):
        services.lexicon_changed()
        articles = Article.objects.order_by("pk")
        total = articles.count()
        bar = {"disable": no_progress, "file": self.stderr, "unit": " ст."}
        for article in tqdm(articles.iterator(chunk_size=200), total=total, desc="Згадки", **bar):
            services.article_profile_update(article=article)
        if not skip_related:
            for article in tqdm(
                articles.iterator(chunk_size=200), total=total, desc="Інші новини", **bar
            ):
                related_lists.related_rebuild(article=article)
        self.stdout.write(self.style.SUCCESS(f"Перечитано статей: {total}."))
