"""Search speed on a SYNTHETIC corpus recombined from real Ukrainian news paragraphs.

    SHPALTA_SHARED_DATA=../shared/data .venv/bin/python bench/search_speed.py \
        --articles 100000 --postgres postgres://postgres@127.0.0.1:5432/shpalta_search

Builds N articles (a real headline, a real paragraph as lede, 4–8 real paragraphs as body,
drawn with a fixed seed from ../shared/data/uk-news), loads them into a throw-away SQLite
file and, with --postgres, into that PostgreSQL database (its article and search tables
are emptied first and after). For each engine, in a child process of its own:

  * indexing: lemma terms computed in Python (one core) and written through the same
    code the site uses; articles/s for the terms alone and end to end;
  * queries: 1,000 of mixed rarity (common words, rare words, two-word queries, as
    inflected as readers type them), after 50 warm-up queries; p50/p95/max of the full
    first results page (ids, articles, highlighted snippets) and of the id query alone;
  * index size: the search table plus its full-text index.

The machine is shared: run it a few times and take medians. The last printed line is one
JSON object with every figure.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 20261128
QUERY_COUNT = 1000
WARM_UP = 50
BATCH = 1000
# Documents per write transaction (SHPALTA_INDEX_BATCH to try others).
INDEX_BATCH = int(os.environ.get("SHPALTA_INDEX_BATCH", 1000))


def shared_data() -> Path:
    return Path(os.environ.get("SHPALTA_SHARED_DATA") or ROOT.parent / "shared" / "data")


def real_texts() -> tuple[list[str], list[str]]:
    titles, paragraphs = [], []
    with (shared_data() / "uk-news" / "uk-news.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            titles.append(record["title"][:300])
            paragraphs += [p.strip() for p in record["body"].split("\n") if len(p.strip()) > 40]
    return titles, paragraphs


def synthetic_articles(count: int):
    """Yields (headline, lede, body_html) — deterministic for a given count."""
    titles, paragraphs = real_texts()
    rng = random.Random(SEED)
    for _ in range(count):
        body = rng.sample(paragraphs, rng.randint(4, 8))
        yield (
            rng.choice(titles),
            rng.choice(paragraphs),
            "".join(f"<p>{p}</p>" for p in body),
        )


def make_queries(rng: random.Random) -> list[tuple[str, str]]:
    """(kind, query): words as they stand in the text (inflected, any case)."""
    from shpalta.ukrainian.morphology import is_stop_word, tokens

    _, paragraphs = real_texts()
    stream = [
        t for p in rng.sample(paragraphs, 3000) for t in tokens(p)
        if len(t) > 3 and not t.isdigit() and not is_stop_word(t.lower())
    ]  # fmt: skip
    vocabulary = sorted(set(stream))
    queries = []
    for i in range(QUERY_COUNT):
        kind = ("common", "rare", "two words")[i % 3]
        if kind == "common":  # drawn by frequency: mostly everyday words
            queries.append((kind, rng.choice(stream)))
        elif kind == "rare":  # drawn from distinct words: mostly rare ones
            queries.append((kind, rng.choice(vocabulary)))
        else:
            start = rng.randrange(len(stream) - 1)
            queries.append((kind, f"{stream[start]} {stream[start + 1]}"))
    return queries


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ms(values: list[float]) -> dict:
    return {
        "p50_ms": round(percentile(values, 0.50) * 1000, 2),
        "p95_ms": round(percentile(values, 0.95) * 1000, 2),
        "max_ms": round(max(values) * 1000, 2),
    }


# --- one engine, in its own process ---------------------------------------------------------


def child(engine: str, database_url: str, count: int, reuse: bool = False) -> dict:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shpalta.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if engine == "postgresql" and not reuse:
        _empty_tables()
    try:
        figures = {"engine": engine, "articles": count}
        from shpalta.news.models import Article
        from shpalta.search.models import SearchDocument

        if reuse and Article.objects.count() == count:
            from shpalta.search.backends import backend

            figures["reused_database"] = True
            if SearchDocument.objects.count() < count:  # an earlier run stopped mid-index
                figures["resumed_index_from"] = SearchDocument.objects.count()
                figures.update(_index())
            figures["index_size_mib"] = round(backend().size_bytes() / 2**20, 1)
        else:
            figures.update(_load_articles(count))
            figures.update(_index())
        figures.update(_queries())
        return figures
    finally:
        if engine == "postgresql" and not reuse:
            _empty_tables()


def _empty_tables() -> None:
    """Only ever run against the database named on the command line."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE news_section, news_article, search_document CASCADE")


def _load_articles(count: int) -> dict:
    from datetime import UTC, datetime, timedelta

    from django.db import transaction

    from shpalta.news.models import Article, Section

    sections = [Section.objects.create(name=f"Розділ {i}", slug=f"r{i}") for i in range(8)]
    start = datetime(2026, 11, 1, tzinfo=UTC)
    chars = 0
    started = time.perf_counter()
    batch = []
    for i, (headline, lede, body) in enumerate(synthetic_articles(count)):
        chars += len(headline) + len(lede) + len(body)
        batch.append(
            Article(
                headline=headline, slug=f"s-{i}", lede=lede, body=body,
                section=sections[i % 8], status=Article.Status.PUBLISHED,
                published_at=start - timedelta(minutes=i),
            )
        )  # fmt: skip
        if len(batch) == BATCH:
            with transaction.atomic():
                Article.objects.bulk_create(batch)
            batch = []
            if (i + 1) % 100_000 == 0:
                _log(f"loaded {i + 1} articles")
    if batch:
        Article.objects.bulk_create(batch)
    _analyze()
    return {
        "avg_article_chars": round(chars / count),
        "article_load_s": round(time.perf_counter() - started, 1),
    }


def _analyze() -> None:
    """What autovacuum would do on a live site: fresh planner statistics after a bulk load."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _index() -> dict:
    """Terms in Python and the write through the ORM, timed apart, batch by batch."""
    from shpalta.news.models import Article
    from shpalta.search.backends import backend
    from shpalta.search.models import SearchDocument

    terms_s = write_s = terms_cpu = 0.0
    count = 0
    indexed = SearchDocument.objects.values("article_id")
    ids = list(
        Article.objects.exclude(id__in=indexed)
        .order_by("published_at", "id")
        .values_list("id", flat=True)
    )
    with backend().bulk_writes():  # as search_index_rebuild writes
        for start in range(0, len(ids), INDEX_BATCH):
            batch_terms, batch_write, batch_cpu, done = _index_batch(
                ids[start : start + INDEX_BATCH]
            )
            terms_s, write_s, terms_cpu = (
                terms_s + batch_terms,
                write_s + batch_write,
                terms_cpu + batch_cpu,
            )
            count += done
            if count % 50_000 < INDEX_BATCH:
                _log(
                    f"indexed {count}: {round(count / (terms_s + write_s))} articles/s so far,"
                    f" this batch {round(done / (batch_terms + batch_write))}/s"
                )
    t0 = time.perf_counter()
    backend().optimise()
    optimise_s = time.perf_counter() - t0
    return {
        "index_terms_articles_per_s": round(count / terms_s),
        "index_terms_articles_per_cpu_s": round(count / terms_cpu),
        "index_end_to_end_articles_per_s": round(count / (terms_s + write_s + optimise_s)),
        "index_terms_s": round(terms_s, 1),
        "index_write_s": round(write_s, 1),
        "index_optimise_s": round(optimise_s, 1),
        "index_size_mib": round(backend().size_bytes() / 2**20, 1),
    }


def _index_batch(ids: list[int]) -> tuple[float, float, float, int]:
    """(terms wall s, write wall s, terms CPU s, documents) for one transaction."""
    from django.db import transaction

    from shpalta.news.models import Article
    from shpalta.search.models import SearchDocument
    from shpalta.search.services import document_for

    articles = list(
        Article.objects.filter(id__in=ids).only(
            "id", "headline", "lede", "body", "published_at", "section_id"
        )
    )
    t0 = time.perf_counter()
    c0 = time.process_time()
    documents = [document_for(a) for a in articles]
    terms_cpu = time.process_time() - c0
    documents.sort(key=lambda d: d.rank_key)  # as search_index_rebuild writes them
    t1 = time.perf_counter()
    with transaction.atomic():
        SearchDocument.objects.bulk_create(documents)
    return t1 - t0, time.perf_counter() - t1, terms_cpu, len(documents)


def _log(message: str) -> None:
    print(time.strftime("%H:%M:%S"), message, file=sys.stderr, flush=True)


def _queries() -> dict:
    from django.db import connection

    from shpalta.search.selectors import ranked_article_ids, search_articles

    rng = random.Random(SEED)
    queries = make_queries(rng)
    now = None
    for _, query in queries[:WARM_UP]:
        search_articles(query, now=now)
    page_times, id_times, by_kind, by_hits = [], [], {}, {}
    connection.ensure_connection()
    page_cpu = []
    for kind, query in queries:
        t0 = time.perf_counter()
        ranked_article_ids(query, limit=20)
        t1 = time.perf_counter()
        c1 = time.process_time()
        results = search_articles(query)
        t2 = time.perf_counter()
        page_cpu.append(time.process_time() - c1)
        id_times.append(t1 - t0)
        page_times.append(t2 - t1)
        by_kind.setdefault(kind, []).append(t2 - t1)
        bucket = _hit_bucket(results.total)
        by_hits.setdefault(bucket, []).append(t2 - t1)
    return {
        "queries": len(queries),
        "first_page": ms(page_times),
        # CPU of this process only: close to an idle core's wall time on SQLite (the
        # engine runs in-process); on PostgreSQL the server's own work is not in it.
        "first_page_cpu": ms(page_cpu),
        "ids_only": ms(id_times),
        "first_page_by_kind": {k: ms(v) for k, v in sorted(by_kind.items())},
        "first_page_by_hits": {k: {**ms(v), "queries": len(v)} for k, v in sorted(by_hits.items())},
    }


def _hit_bucket(total: int) -> str:
    for limit, name in ((0, "0"), (100, "1-100"), (1000, "101-1k"), (10_000, "1k-10k")):
        if total <= limit:
            return name
    return ">10k"


def terms_only(count: int) -> dict:
    """Lemma terms alone, no database: CPU seconds of this one process, so the figure is
    what one core does even on a busy machine. The second half runs with a warm cache, as
    a live site does."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shpalta.settings")
    import django

    django.setup()
    from shpalta.news.models import Article
    from shpalta.search.services import document_for

    articles = [
        Article(pk=i + 1, headline=h, lede=lede, body=b)
        for i, (h, lede, b) in enumerate(synthetic_articles(count))
    ]
    half = count // 2
    figures = {"articles": count}
    for name, part in (("cold_cache", articles[:half]), ("warm_cache", articles[half:])):
        c0 = time.process_time()
        for article in part:
            document_for(article)
        figures[f"{name}_articles_per_cpu_s"] = round(len(part) / (time.process_time() - c0))
    return figures


# --- parent ---------------------------------------------------------------------------------


def run_child(engine: str, url: str, count: int) -> dict:
    command = [sys.executable, __file__, "--child", engine, "--url", url, "--articles", str(count)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{engine} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--postgres", help="postgres://… of a database this may empty")
    parser.add_argument("--child", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument(
        "--reuse", action="store_true",
        help="with --child: keep a database already loaded with --articles and only query",
    )  # fmt: skip
    parser.add_argument("--terms-only", action="store_true", help="only the lemma terms, no DB")
    args = parser.parse_args(argv)
    if args.terms_only:
        print(json.dumps(terms_only(args.articles)))
        return
    if args.child:
        print(json.dumps(child(args.child, args.url, args.articles, args.reuse)))
        return
    results = {"corpus": "synthetic (real uk-news paragraphs recombined)", "runs": []}
    with tempfile.TemporaryDirectory(prefix="shpalta-speed-") as tmp:
        engines = [("sqlite", f"sqlite:///{tmp}/speed.sqlite3")]
        if args.postgres:
            engines.append(("postgresql", args.postgres))
        for engine, url in engines:
            print(f"{engine}: {args.articles} articles …", flush=True)
            figures = run_child(engine, url, args.articles)
            results["runs"].append(figures)
            print(json.dumps(figures, ensure_ascii=False, indent=1), flush=True)
    print(json.dumps(results, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
