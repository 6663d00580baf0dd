import os
import sys

from django.core.management.base import BaseCommand


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))


class Command(BaseCommand):
    help = "Run the production application server (granian, WSGI) with one worker per core."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=default_workers())

    def handle(self, *args, host, port, workers, **options):
        argv = [
            sys.executable, "-m", "granian", "--interface", "wsgi",
            "--host", host, "--port", str(port), "--workers", str(workers),
            "--no-ws", "shpalta.wsgi:application",
        ]  # fmt: skip
        self.stdout.write(f"Шпальта: http://{host}:{port}/ ({workers} процеси)")
        self.stdout.flush()
        os.execv(sys.executable, argv)
