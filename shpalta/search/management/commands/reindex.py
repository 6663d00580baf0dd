from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from shpalta.news.models import Article
from shpalta.search.services import INDEXED_STATUSES, search_index_rebuild


class Command(BaseCommand):
    help = (
        "Перебудовує пошуковий індекс з усіх опублікованих і запланованих статей "
        "(після оновлення словника чи форм імен). Пошук працює весь цей час."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="статей за транзакцію")
        parser.add_argument("--no-progress", action="store_true", help="без індикатора")

    def handle(self, *args, batch_size, no_progress, **options):
        if batch_size < 1:
            raise CommandError("--batch-size має бути додатним числом.")
        total = Article.objects.filter(status__in=INDEXED_STATUSES).count()
        with tqdm(
            total=total, unit="ст.", disable=no_progress, file=self.stderr, desc="Індексація"
        ) as bar:
            report = search_index_rebuild(batch_size=batch_size, progress=bar.update)
        self.stdout.write(
            f"Проіндексовано статей: {report.indexed}; прибрано застарілих записів: "
            f"{report.removed}."
        )
