from django.core.management.base import BaseCommand

from shpalta.newsroom.scheduling import articles_due, articles_publish_due
from shpalta.ukrainian.dates import format_datetime


class Command(BaseCommand):
    help = (
        "Publish scheduled articles whose time has come (run every minute from cron or a "
        "systemd timer). Readers see them from their minute on regardless; this runs the "
        "listeners: cache purge, search index, revisions."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only list what is due")

    def handle(self, *args, dry_run=False, **options):
        articles = list(articles_due()) if dry_run else articles_publish_due()
        verb = "До публікації" if dry_run else "Опубліковано за розкладом"
        self.stdout.write(f"{verb}: {len(articles)}")
        for article in articles:
            self.stdout.write(f"  {format_datetime(article.published_at)}  {article.headline}")
