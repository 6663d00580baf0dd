"""Synthetic newsroom for load tests: N articles recombined from the real paragraphs in
../shared/data/uk-news, with sections, tags, authors, votes. Every article is labelled
synthetic (credited to the source «Синтетичний корпус (бенчмарк)», slug `synt-...`).

    DATABASE_URL=sqlite:///var/bench.sqlite3 .venv/bin/python bench/generate.py --articles 100000

Runs again without duplicating: it only adds what is missing up to N.
"""

import argparse
import html
import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shpalta.settings")

SYNTHETIC_SOURCE = "Синтетичний корпус (бенчмарк)"
SECTIONS = [
    ("Політика", "polityka"), ("Економіка", "ekonomika"), ("Суспільство", "suspilstvo"),
    ("Світ", "svit"), ("Війна", "viina"), ("Культура", "kultura"), ("Спорт", "sport"),
    ("Наука і технології", "nauka"), ("Здоров’я", "zdorovia"), ("Регіони", "rehiony"),
]  # fmt: skip
FIRST_NAMES = ["Олена", "Андрій", "Марія", "Тарас", "Ірина", "Богдан", "Наталія", "Олег",
               "Ганна", "Дмитро", "Юлія", "Сергій"]  # fmt: skip
LAST_NAMES = ["Коваленко", "Шевчук", "Бондар", "Ткаченко", "Мельник", "Кравець", "Олійник",
              "Лисенко", "Гончаренко", "Савченко"]  # fmt: skip
BATCH = 2000
SECONDS_BETWEEN_STORIES = 30


def shared_data_dir() -> Path:
    return Path(os.environ.get("SHPALTA_SHARED_DATA") or REPO.parent / "shared" / "data")


def corpus() -> tuple[list[str], list[str]]:
    """Headlines and paragraphs of the real texts (the raw material, never copied whole)."""
    path = shared_data_dir() / "uk-news" / "uk-news.jsonl"
    if not path.exists():
        raise SystemExit(f"real data not available ({path})")
    titles, paragraphs = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc.get("title") and not doc.get("title_is_lead"):
            titles.append(doc["title"].strip()[:250])
        paragraphs += [p.strip() for p in doc["body"].split("\n") if 80 <= len(p.strip()) <= 1500]
    return titles, paragraphs


def taxonomy(rng: random.Random):
    from shpalta.news.models import Author, Section, Source, Tag

    sections = [
        Section.objects.get_or_create(slug=slug, defaults={"name": name, "position": i})[0]
        for i, (name, slug) in enumerate(SECTIONS)
    ]
    tags = [
        Tag.objects.get_or_create(slug=f"synt-tema-{i}", defaults={"name": f"тема {i}"})[0]
        for i in range(300)
    ]
    authors = [
        Author.objects.get_or_create(
            slug=f"synt-avtor-{i}",
            defaults={"name": f"{FIRST_NAMES[i % 12]} {LAST_NAMES[i % 10]} ({i})"},
        )[0]
        for i in range(60)
    ]
    source = Source.objects.get_or_create(name=SYNTHETIC_SOURCE)[0]
    return sections, tags, authors, source


def build_article(i: int, rng: random.Random, titles, paragraphs, sections, newest):
    from shpalta.news.models import Article
    from shpalta.news.services import teaser_for
    from shpalta.ukrainian.teasers import teaser

    body = "".join(f"<p>{html.escape(p)}</p>" for p in rng.sample(paragraphs, rng.randint(5, 9)))
    lede = teaser(rng.choice(paragraphs), 240)
    published = newest - timedelta(seconds=i * SECONDS_BETWEEN_STORIES)
    return Article(
        headline=rng.choice(titles),
        slug=f"synt-{i:07d}",
        lede=lede,
        body=body,
        teaser=teaser_for(lede, body),
        section=rng.choice(sections),
        status=Article.Status.PUBLISHED,
        published_at=published,
        first_published_at=published,
        is_top_story=i == 0,
    )


def add_batch(start, stop, rng, material, taxa, newest) -> None:
    from django.db import transaction

    from shpalta.news.models import Article
    from shpalta.ratings.models import ArticleRating, Vote

    titles, paragraphs = material
    sections, tags, authors, source = taxa
    with transaction.atomic():
        rows = [
            build_article(i, rng, titles, paragraphs, sections, newest) for i in range(start, stop)
        ]
        rows = Article.objects.bulk_create(rows)
        if rows[0].pk is None:  # a backend that returns no ids: read them back by slug
            ids = dict(
                Article.objects.filter(slug__in=[r.slug for r in rows]).values_list("slug", "id")
            )
            for row in rows:
                row.pk = row.id = ids[row.slug]
        Article.tags.through.objects.bulk_create(
            Article.tags.through(article_id=row.pk, tag_id=tag.pk)
            for row in rows
            for tag in rng.sample(tags, rng.randint(1, 3))
        )
        Article.authors.through.objects.bulk_create(
            Article.authors.through(article_id=row.pk, author_id=author.pk)
            for row in rows
            for author in rng.sample(authors, rng.randint(1, 2))
        )
        Article.sources.through.objects.bulk_create(
            Article.sources.through(article_id=row.pk, source_id=source.pk) for row in rows
        )
        votes = [
            Vote(article_id=row.pk, reader=f"{rng.getrandbits(128):032x}", stars=rng.randint(1, 5))
            for row in rows
            for _ in range(rng.choice((0, 0, 1, 2, 5)))
        ]
        Vote.objects.bulk_create(votes)
        totals: dict[int, list[int]] = {}
        for vote in votes:
            count_stars = totals.setdefault(vote.article_id, [0, 0])
            count_stars[0] += 1
            count_stars[1] += vote.stars
        ArticleRating.objects.bulk_create(
            ArticleRating(article_id=pk, votes_count=n, stars_total=s)
            for pk, (n, s) in totals.items()
        )


def generate(count: int, seed: int = 20261128) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from shpalta.news.models import Article

    call_command("migrate", verbosity=0)
    have = Article.objects.filter(slug__startswith="synt-").count()
    if have >= count:
        analyze()
        return have
    material = corpus()
    rng = random.Random(seed + have)
    taxa = taxonomy(rng)
    newest = timezone.now().replace(microsecond=0) - timedelta(minutes=5)
    started = time.monotonic()
    for start in range(have, count, BATCH):
        add_batch(start, min(start + BATCH, count), rng, material, taxa, newest)
        done = min(start + BATCH, count)
        rate = (done - have) / (time.monotonic() - started)
        print(f"\r{done:,} статей ({rate:,.0f}/с)", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    analyze()
    return count


def analyze() -> None:
    """Planner statistics after a bulk load (PostgreSQL's autovacuum would get there later;
    SQLite never does by itself): without them the newest-first lists sort instead of
    walking the published_at index."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    total = generate(args.articles)
    print(f"{total:,} synthetic articles in {os.environ.get('DATABASE_URL', 'the default SQLite')}")


if __name__ == "__main__":
    main()
