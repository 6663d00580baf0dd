import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from shpalta.ukrainian.plurals import plural_form

SERVERS = ("granian", "gunicorn")


def default_workers() -> int:
    """One worker per core: more only compete for the same cores (measured, docs/benchmarks.md)."""
    return max(1, len(os.sched_getaffinity(0)))


def shared_cache_configured() -> bool:
    """Page purges reach every worker only through a cache they share (Redis)."""
    backend = settings.CACHES["default"]["BACKEND"]
    return not settings.PAGE_CACHE_ENABLED or not backend.endswith("LocMemCache")


def server_argv(server: str, *, host: str, port: int, workers: int, threads: int) -> list[str]:
    app = "shpalta.wsgi:application"
    if server == "granian":
        return [
            sys.executable, "-m", "granian", "--interface", "wsgi",
            "--host", host, "--port", str(port), "--workers", str(workers),
            "--blocking-threads", str(threads), "--no-ws", "--log-level", "warning", app,
        ]  # fmt: skip
    # gthread keeps connections alive (sync workers close every one, and nginx or a CDN
    # in front would reconnect for each request).
    return [
        sys.executable, "-m", "gunicorn", "--bind", f"{host}:{port}", "--workers", str(workers),
        "--worker-class", "gthread", "--threads", str(threads), "--keep-alive", "5",
        "--log-level", "warning", app,
    ]  # fmt: skip


class Command(BaseCommand):
    help = "Run the production application server (WSGI) with one worker per core."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="default: one per core with Redis; one without (each process has its own cache)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            # Four: on PostgreSQL a miss's thread waits on the database and on Redis, and
            # with two the cores idled (misses 551-600 req/s against 693-842 with four,
            # hits the same; docs/benchmarks.md). The systemd unit asked for four already.
            default=int(os.environ.get("SHPALTA_THREADS", "4")),
            help="threads per worker (requests waiting for one render of a page need a thread)",
        )
        parser.add_argument(
            "--server",
            choices=SERVERS,
            default=os.environ.get("SHPALTA_SERVER", "granian"),
            help="granian (default: faster on cached pages, measured) or gunicorn",
        )

    def handle(self, *args, host, port, workers, threads, server, **options):
        if workers is None:
            workers = default_workers() if shared_cache_configured() else 1
        if workers < 1 or threads < 1:
            raise CommandError("Кількість процесів і потоків має бути не менше 1.")
        argv = server_argv(server, host=host, port=port, workers=workers, threads=threads)
        processes = plural_form(workers, "процес", "процеси", "процесів")
        self.stdout.write(f"Шпальта: http://{host}:{port}/ ({server}, {workers} {processes})")
        self.stdout.flush()
        os.execv(sys.executable, argv)
