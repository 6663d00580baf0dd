"""What each query of an article page's miss costs on PostgreSQL: wall time, the app's CPU,
and the server's CPU (read from /proc for the connection's backend process), with
statements prepared as the app runs them and without.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shpalta_cache \\
        .venv/bin/python bench/query_cost.py

Runs on the database bench/run.py generated (any size); the server must be on this machine.
"""

import os
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shpalta.settings")

QUERIES = ("the article with its stored parts and entities", "«Інші новини» (latest stories)")


def measure(samples: int) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from shpalta.news import article_page
    from shpalta.news.models import Article

    if connection.vendor != "postgresql":
        raise SystemExit("DATABASE_URL must name a PostgreSQL database")
    last = Article.objects.order_by("-id").values_list("id", flat=True).first()
    rng = random.Random(1)
    wanted = [rng.randrange(1, last + 1) for _ in range(samples * 2)]
    picks = list(Article.objects.filter(id__in=wanted).values_list("id", "slug")[:samples])
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    now = timezone.now()
    runs = {
        QUERIES[0]: lambda pk, slug: article_page.PUBLIC_ARTICLE.rows(slug=slug, now=now),
        QUERIES[1]: lambda pk, slug: article_page.LATEST_CARDS.rows(article_id=pk, now=now),
    }
    prepared = connection.settings_dict["OPTIONS"].get("prepare_threshold") is not None
    print(f"{len(picks)} random articles; statements prepared: {'yes' if prepared else 'no'}")
    for name, run in runs.items():
        for pk, slug in picks[:10]:  # past the prepare threshold, and the caches warm
            run(pk, slug)
        wall, app, server = time.perf_counter(), time.process_time(), _cpu_seconds(backend)
        for pk, slug in picks:
            run(pk, slug)
        count = len(picks)
        print(
            f"| {name} | {(time.perf_counter() - wall) / count * 1e6:.0f} | "
            f"{(time.process_time() - app) / count * 1e6:.0f} | "
            f"{(_cpu_seconds(backend) - server) / count * 1e6:.0f} |"
        )


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    samples = int(os.environ.get("SAMPLES", "2000"))
    if "--one" in sys.argv:
        measure(samples)
        return
    print("| query | wall µs | app CPU µs | server CPU µs |\n|---|---:|---:|---:|")
    for prepared in ("0", "1", "0", "1"):
        env = os.environ | {"DATABASE_PREPARED": prepared}
        subprocess.run([sys.executable, __file__, "--one"], env=env, check=True)


if __name__ == "__main__":
    main()
