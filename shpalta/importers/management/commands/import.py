"""`shpalta import wordpress|feed|jsonl …`: parse the arguments, call the importer, report."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from shpalta.entities.services import article_refresh_deferred, articles_refresh
from shpalta.importers.common import DEFAULT_SECTION
from shpalta.importers.errors import ImportFailed
from shpalta.importers.feeds import feed_import
from shpalta.importers.inputs import open_input
from shpalta.importers.jsonl import jsonl_import
from shpalta.importers.progress import ProgressReader, progress_bar
from shpalta.importers.wordpress import wordpress_import


class Command(BaseCommand):
    help = (
        "Імпорт статей: експорт WordPress (WXR), стрічка RSS/Atom або JSONL. Усе або нічого: "
        "пошкоджений файл не змінює базу; повторний запуск не дублює статей."
    )

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="wordpress|feed|jsonl")
        wordpress = kinds.add_parser("wordpress", help="файл експорту WordPress (WXR)")
        wordpress.add_argument("file")
        wordpress.add_argument(
            "--timezone", default="Europe/Kyiv", help="часовий пояс сайту WordPress"
        )
        feed = kinds.add_parser("feed", help="стрічка RSS/Atom: файл або адреса")
        feed.add_argument("location", metavar="FILE_OR_URL")
        feed.add_argument("--source", required=True, help="назва видання, якому належить стрічка")
        feed.add_argument("--section", default=DEFAULT_SECTION, help="розділ для чернеток")
        jsonl = kinds.add_parser("jsonl", help="файл JSON Lines у форматі uk-news")
        jsonl.add_argument("file")
        jsonl.add_argument("--section", default=DEFAULT_SECTION, help="розділ для статей")
        jsonl.add_argument("--origin", default="jsonl", help="назва набору (ключ повторів)")
        jsonl.add_argument(
            "--drafts", action="store_true", help="усе як чернетки, навіть статті з датою"
        )
        for sub in (wordpress, feed, jsonl):
            sub.add_argument("--no-progress", action="store_true", help="без індикатора")

    def handle(self, *args, **options):
        kind = options["kind"]
        location = options.get("file") or options["location"]
        try:
            with open_input(location) as (raw, size), article_refresh_deferred() as imported:
                bar = progress_bar(size, f"import {kind}", enabled=not options["no_progress"])
                with bar:
                    report = self.run(kind, ProgressReader(raw, bar), options)
        except ImportFailed as exc:
            raise CommandError(f"Імпорт скасовано, базу не змінено. {exc}") from exc
        self.stdout.write(self.style.SUCCESS(report.summary()))
        self.link_entities(imported, enabled=not options["no_progress"])

    def link_entities(self, ids: list[int], *, enabled: bool) -> None:
        """The articles are in (one transaction); people, places and «Інші новини» follow
        in batches that commit as they go."""
        if not ids:
            return
        bar = tqdm(total=len(ids), desc="згадки й «Інші новини»", unit=" ст.", leave=False,
                   disable=None if enabled else True)  # fmt: skip
        try:
            with bar:
                articles_refresh(ids=ids, progress=bar.update)
        except Exception as exc:
            raise CommandError(
                f"Статті імпортовано, але зв’язки з персонами й «Інші новини» оновлено не "
                f"для всіх ({exc}). Запустіть `shpalta relink_entities`."
            ) from exc
        self.stdout.write(f"Оновлено згадки й «Інші новини» для статей: {len(ids)}.")

    def run(self, kind, stream, options):
        if kind == "wordpress":
            return wordpress_import(stream=stream, site_timezone=options["timezone"])
        if kind == "feed":
            return feed_import(
                stream=stream, source_name=options["source"], section_name=options["section"]
            )
        return jsonl_import(
            stream=stream,
            origin=options["origin"],
            section_name=options["section"],
            drafts=options["drafts"],
        )
