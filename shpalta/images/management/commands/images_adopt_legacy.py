from django.core.management.base import BaseCommand

from shpalta.images.legacy import articles_with_legacy_image, image_adopt_legacy


class Command(BaseCommand):
    help = "Переносить фото зі старого поля статті (image) у фотобібліотеку."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="лише перевірити файли")

    def handle(self, *args, dry_run=False, **options):
        moved = refused = 0
        for article in articles_with_legacy_image().iterator():
            result = image_adopt_legacy(article=article, dry_run=dry_run)
            if result.problem:
                refused += 1
                self.stderr.write(f"стаття #{article.pk} «{article.headline}»: {result.problem}")
            else:
                moved += 1
        verb = "можна перенести" if dry_run else "перенесено"
        self.stdout.write(f"Фото {verb}: {moved}; відмовлено: {refused}.")
