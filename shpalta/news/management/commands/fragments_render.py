import time

from django.core.management.base import BaseCommand

from shpalta.news.fragments import fragments_fill


class Command(BaseCommand):
    help = (
        "Render and store the markup of every published article whose stored markup is "
        "missing or stale (after an upgrade or a bulk import; readers otherwise do it on "
        "first view)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="articles per transaction")

    def handle(self, *args, batch: int, **options):
        if batch < 1:
            self.stderr.write("--batch: потрібне додатне число")
            raise SystemExit(2)
        started = time.monotonic()

        def progress(last_id: int, rendered: int) -> None:
            rate = rendered / max(time.monotonic() - started, 1e-6)
            self.stderr.write(f"\rдо id {last_id}: {rendered} статей ({rate:.0f}/с)", ending="")

        rendered = fragments_fill(batch_size=batch, progress=progress)
        self.stderr.write("")
        seconds = time.monotonic() - started
        self.stdout.write(f"Збережено розмітку {rendered} статей за {seconds:.0f} с.")
