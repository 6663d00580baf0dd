"""How long feeds, sitemaps and API lists take on a large archive.

    .venv/bin/python bench/outbound.py [--articles 60000] [--runs 5]

Builds a throwaway SQLite database (or uses DATABASE_URL, which it then fills: give it an
empty database), with most articles in one month so that month's sitemap reaches the
protocol's 50,000-URL limit and splits, and 1,200 articles in the last two days for the News
sitemap. Each address is fetched in-process (Django test client, no network) `--runs`
times with an empty cache; the median is printed, with the number of queries and the response size.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shpalta.settings")
os.environ.setdefault("SHPALTA_VAR_DIR", tempfile.mkdtemp(prefix="shpalta-bench-"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def build(articles: int) -> str:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from shpalta.news.models import Article, Author, Section

    call_command("migrate", verbosity=0)
    sections = Section.objects.bulk_create(
        Section(name=f"Розділ {n}", slug=f"rozdil-{n}", position=n) for n in range(12)
    )
    authors = Author.objects.bulk_create(
        Author(name=f"Автор {n}", slug=f"avtor-{n}") for n in range(300)
    )
    now = timezone.now()
    month_start = (now - timedelta(days=70)).replace(day=1, hour=12)
    recent = 1200
    rows = []
    for n in range(articles):
        if n < recent:
            published = now - timedelta(minutes=2 * n + 1)
        elif n < recent + 50_500:
            published = month_start + timedelta(seconds=40 * (n - recent))
        else:
            published = month_start - timedelta(hours=n - recent - 50_500 + 1)
        rows.append(
            Article(
                headline=f"Новина номер {n}: уряд ухвалив рішення",
                slug=f"novyna-{n}",
                lede="Короткий лід новини для стрічок і карт сайту.",
                body="<p>Текст новини.</p>" * 5,
                teaser="Короткий лід новини для стрічок і карт сайту.",
                section=sections[n % len(sections)],
                status=Article.Status.PUBLISHED,
                published_at=published,
                first_published_at=published,
            )
        )
    Article.objects.bulk_create(rows, batch_size=2000)
    through = Article.authors.through
    ids = list(Article.objects.values_list("id", flat=True))
    through.objects.bulk_create(
        (through(article_id=pk, author_id=authors[pk % len(authors)].pk) for pk in ids),
        batch_size=5000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as autovacuum would gather them
    local = month_start.astimezone(timezone.get_default_timezone())
    return f"/sitemaps/articles-{local.year}-{local.month}"


def measure(client, url: str, runs: int) -> tuple[float, int, int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(runs):
        cache.clear()  # uncached cost, as after an article change
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), len(queries), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    start = time.perf_counter()
    month = build(args.articles)
    print(f"built {args.articles} articles in {time.perf_counter() - start:.1f} s")
    client = Client()
    deep = client.get("/api/v1/articles/?limit=100").json()["next_cursor"]
    urls = [
        "/sitemap.xml", f"{month}.xml", f"{month}-2.xml", "/news-sitemap.xml",
        "/news-sitemap-2.xml", "/sitemaps/authors.xml", "/feed/", "/feed/atom/",
        "/section/rozdil-3/feed/", "/api/v1/articles/?limit=100",
        f"/api/v1/articles/?limit=100&cursor={deep}", "/api/v1/articles/?section=rozdil-3&limit=20",
    ]  # fmt: skip
    print(f"{'address':<48} {'median ms':>10} {'queries':>8} {'bytes':>10}")
    for url in urls:
        seconds, queries, size = measure(client, url, args.runs)
        print(f"{url[:48]:<48} {seconds * 1000:>10.1f} {queries:>8} {size:>10}")


if __name__ == "__main__":
    main()
