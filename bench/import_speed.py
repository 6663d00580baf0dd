"""Throughput of the three importers: articles per second on the real corpus replicated.

    .venv/bin/python bench/import_speed.py                      # 100,000 items, SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shpalta_importers \\
        .venv/bin/python bench/import_speed.py --items 100000    # the same on PostgreSQL

The real files (shared/data/wordpress/newsroom.wxr.xml, shared/data/uk-news/uk-news.jsonl)
are replicated into a temporary directory, never into the repository: every copy of a
post gets a new id and slug; the text is the real text. The RSS file is made of the
uk-news records. Each importer runs on an empty database (SQLite: a fresh file; PostgreSQL:
the named database is flushed), through the same `import` command code path minus the
progress bar. A second run of the same file measures the "already imported" path.
"""

import argparse
import json
import os
import re
import signal
import sys
import tempfile
import time
from email.utils import format_datetime
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def shared_data() -> Path:
    folder = Path(os.environ.get("SHPALTA_SHARED_DATA", ROOT.parent / "shared" / "data"))
    if not folder.is_dir():
        sys.exit("real data not available (../shared/data): set SHPALTA_SHARED_DATA")
    return folder


# --- replicated files ------------------------------------------------------------------

ITEM = re.compile(r"<item>.*?</item>", re.S)


def replicate_wxr(source: Path, target: Path, items: int) -> int:
    text = source.read_text(encoding="utf-8")
    first, last = text.index("<item>"), text.rindex("</item>") + len("</item>")
    posts = [m for m in ITEM.findall(text) if "<wp:post_type><![CDATA[post]]>" in m]
    others = [m for m in ITEM.findall(text) if m not in posts]
    written = 0
    with open(target, "w", encoding="utf-8") as out:
        out.write(text[:first])
        out.write("\n".join(others))
        copy = 0
        while written < items:
            copy += 1
            for post in posts:
                if written == items:
                    break
                out.write(_wxr_copy(post, copy))
                written += 1
        out.write(text[last:])
    return written


def _wxr_copy(post: str, copy: int) -> str:
    post = re.sub(
        r"<wp:post_id>(\d+)</wp:post_id>",
        lambda m: f"<wp:post_id>{int(m.group(1)) + copy * 1_000_000}</wp:post_id>",
        post,
    )
    post = re.sub(
        r"<wp:post_name><!\[CDATA\[(.*?)\]\]></wp:post_name>",
        lambda m: f"<wp:post_name><![CDATA[{m.group(1) or 'chernetka'}-r{copy}]]></wp:post_name>",
        post,
    )
    return re.sub(r"<link>(.*?)/</link>", lambda m: f"<link>{m.group(1)}-r{copy}/</link>", post)


def _records(source: Path) -> list[dict]:
    with open(source, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def replicate_jsonl(source: Path, target: Path, items: int) -> int:
    records = _records(source)
    with open(target, "w", encoding="utf-8") as out:
        for n in range(items):
            record = dict(records[n % len(records)])
            record["id"] = f"{record['id']}#r{n // len(records)}"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return items


def replicate_rss(source: Path, target: Path, items: int) -> int:
    from datetime import UTC, datetime, timedelta

    records = _records(source)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with open(target, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>\n')
        out.write("<title>Стрічка</title><link>https://feed.example.org/</link>\n")
        for n in range(items):
            record = records[n % len(records)]
            body = "".join(f"<p>{escape(p)}</p>" for p in record["body"].split("\n") if p)
            out.write(
                f"<item><title>{escape(record['title'])}</title>"
                f"<link>https://feed.example.org/news/{n}</link>"
                f"<guid>https://feed.example.org/news/{n}</guid>"
                f"<pubDate>{format_datetime(start + timedelta(minutes=n))}</pubDate>"
                f"<description><![CDATA[{body}]]></description></item>\n"
            )
        out.write("</channel></rss>\n")
    return items


# --- runs --------------------------------------------------------------------------------


def setup_django(workdir: Path) -> str:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shpalta.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    return f"PostgreSQL {connection.pg_version}"


def empty_database() -> None:
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def timed(kind: str, path: Path) -> tuple[float, object]:
    from shpalta.importers.feeds import feed_import
    from shpalta.importers.jsonl import jsonl_import
    from shpalta.importers.wordpress import wordpress_import

    run = {
        "wordpress": lambda s: wordpress_import(stream=s),
        "feed": lambda s: feed_import(stream=s, source_name="Стрічка"),
        "jsonl": lambda s: jsonl_import(stream=s),
    }[kind]
    from tqdm import tqdm

    from shpalta.entities.services import article_refresh_deferred
    from shpalta.importers.progress import ProgressReader

    # A line in the log every minute: a 100,000-item run is long on a shared machine.
    bar = tqdm(total=path.stat().st_size, desc=kind, unit="B", unit_scale=True, mininterval=60)
    # As `shpalta import` does: entities and «Інші новини» in a pass after the import.
    with open(path, "rb") as raw, bar, article_refresh_deferred() as imported:
        started, cpu = time.perf_counter(), time.process_time()
        report = run(ProgressReader(raw, bar))
        # CPU seconds of this process (parser, ORM, SQLite itself; not a PostgreSQL server):
        # on a machine shared with other work, wall time alone mostly measures the queue.
        report.cpu_seconds = time.process_time() - cpu
        report.imported_ids = imported
        return time.perf_counter() - started, report


def entity_pass(ids: list[int]) -> tuple[float, float]:
    """(wall, CPU) seconds of the pass `shpalta import` runs after an import."""
    from shpalta.entities.services import articles_refresh

    started, cpu = time.perf_counter(), time.process_time()
    articles_refresh(ids=ids)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--only", choices=["wordpress", "feed", "jsonl"], action="append")
    parser.add_argument(
        "--entity-items", type=int, default=2000,
        help="run the after-import entity pass over this many of the imported articles",
    )  # fmt: skip
    args = parser.parse_args()
    data = shared_data()
    # Stopped from outside: unwind, so the temporary directory (GBs of copies) is removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    with tempfile.TemporaryDirectory(prefix="shpalta-import-bench-") as tmp:
        workdir = Path(tmp)
        backend = setup_django(workdir)
        makers = {
            "wordpress": (replicate_wxr, data / "wordpress" / "newsroom.wxr.xml", "site.xml"),
            "feed": (replicate_rss, data / "uk-news" / "uk-news.jsonl", "feed.xml"),
            "jsonl": (replicate_jsonl, data / "uk-news" / "uk-news.jsonl", "news.jsonl"),
        }
        print(f"backend: {backend}; items per importer: {args.items:,}")
        for kind in args.only or makers:
            make, source, name = makers[kind]
            path = workdir / name
            count = make(source, path, args.items)
            size_mb = path.stat().st_size / 2**20
            empty_database()
            first, report = timed(kind, path)
            again, rerun = timed(kind, path)
            assert report.created == count and rerun.created == 0, (report, rerun)
            print(
                f"{kind:9} {count:>7,} items {size_mb:7.1f} MB | import {first:7.1f} s "
                f"= {count / first:6.0f} articles/s ({count / report.cpu_seconds:5.0f} per "
                f"CPU-second) | re-run {again:6.1f} s = {count / again:6.0f} items/s skipped",
                flush=True,
            )
            sample = report.imported_ids[: args.entity_items]
            if sample:
                wall, cpu = entity_pass(sample)
                print(
                    f"{'':9} entity pass over {len(sample):,} of them: {wall:6.1f} s = "
                    f"{len(sample) / wall:5.0f} articles/s ({len(sample) / cpu:5.0f} per "
                    "CPU-second)",
                    flush=True,
                )
            path.unlink()


if __name__ == "__main__":
    main()
