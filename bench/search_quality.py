"""Search quality on real Ukrainian news, against gold named entities.

    .venv/bin/python bench/search_quality.py --corpus ../shared/data/uk-news/uk-news.jsonl \
        --ner-uk ../shared/data/ner-uk --slavicner ../shared/data/slavicner-uk

For every gold entity, query its nominative and score the ranking against the documents
that mention it in any form: recall@10 (share of those documents in the first ten, out of
at most ten) and MRR (1/rank of the first one). Three systems side by side:

  ours       the product's search (shpalta.search on a throw-away SQLite database)
  substring  case-insensitive substring search over title + body
  fts_raw    SQLite FTS5 (unicode61) over the raw words, bm25, no lemmas

Entities:
  slavicner  gold lemma and cross-document id per mention: the entity is the id, the
             query is its most frequent gold lemma. This is the exact measurement.
  ner-uk     no lemmas or ids in the gold: mentions are grouped by the first four letters
             of each word, and the query is the group's most frequent surface form
             (shortest on ties). An approximation, independent of our lemmatiser.

Only annotated documents are judged: each ranking is cut to the documents of the entity's
own gold set (the other corpus documents are unjudged, not wrong). The last printed line
is one JSON object with the figures.
"""

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TYPES = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "EVT": "EVT", "PRO": "PRO"}
DEPTH = 10


@dataclass
class Doc:
    index: int
    title: str
    body: str
    gold_set: str | None  # "ner-uk" / "slavicner" / None


@dataclass
class Entity:
    gold_set: str
    type: str
    query: str
    docs: set[int] = field(default_factory=set)


# --- loading ----------------------------------------------------------------------------


def load_corpus(path: Path) -> list[Doc]:
    docs = []
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise SystemExit(f"{path}:{line_number}: not JSON ({error})") from error
            ner_doc = record.get("ner_doc") or ""
            gold = "ner-uk" if ner_doc.startswith("ner-uk/") else None
            gold = "slavicner" if ner_doc.startswith("slavicner-uk/") else gold
            docs.append(Doc(len(docs), record["title"] or "", record["body"] or "", gold))
            docs[-1].ner_doc = ner_doc
    return docs


def _strip_prefix(ner_doc: str, prefix: str) -> str:
    return ner_doc[len(prefix) :]


def ner_uk_mentions(doc, root: Path) -> list[tuple[str, str]]:
    """(type, surface) pairs from the .ann beside the text (5 tab-separated fields)."""
    ann = root / (_strip_prefix(doc.ner_doc, "ner-uk/") + ".ann")
    text = (root / (_strip_prefix(doc.ner_doc, "ner-uk/") + ".txt")).read_text(encoding="utf-8")
    found = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 4 or not parts[0].startswith("T") or parts[1] not in TYPES:
            continue
        start, end = int(parts[2]), int(parts[3])
        found.append((TYPES[parts[1]], text[start:end]))
    return found


def slavicner_mentions(doc, root: Path) -> list[tuple[str, str, str]]:
    """(type, lemma, cross-document id) from ner/<topic>/uk/<name>.tsv."""
    relative = _strip_prefix(doc.ner_doc, "slavicner-uk/raw/")
    tsv = root / "ner" / (relative[: -len(".txt")] + ".tsv")
    found = []
    for line in tsv.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 6 and parts[4] in TYPES:
            found.append((TYPES[parts[4]], parts[3], parts[5]))
    return found


def _group_key(surface: str) -> tuple:
    words = "".join(ch if ch.isalnum() else " " for ch in surface.lower()).split()
    return tuple(w[:4] for w in words)


def gold_entities(docs, ner_uk: Path, slavicner: Path) -> list[Entity]:
    entities: dict[tuple, Entity] = {}
    queries: dict[tuple, Counter] = defaultdict(Counter)
    for doc in docs:
        if doc.gold_set == "slavicner":
            for kind, lemma, entity_id in slavicner_mentions(doc, slavicner):
                key = ("slavicner", entity_id)
                entities.setdefault(key, Entity("slavicner", kind, ""))
                entities[key].docs.add(doc.index)
                queries[key][lemma] += 1
        elif doc.gold_set == "ner-uk":
            for kind, surface in ner_uk_mentions(doc, ner_uk):
                key = ("ner-uk", kind, _group_key(surface))
                if not key[2]:
                    continue
                entities.setdefault(key, Entity("ner-uk", kind, ""))
                entities[key].docs.add(doc.index)
                queries[key][surface] += 1
    for key, entity in entities.items():
        entity.query = min(queries[key].items(), key=lambda item: (-item[1], len(item[0])))[0]
    return [e for e in entities.values() if any(ch.isalpha() for ch in e.query)]


# --- systems ------------------------------------------------------------------------------


class Substring:
    name = "substring"

    def __init__(self, docs):
        self.docs = [(d.index, d.title.lower(), d.body.lower()) for d in docs]

    def rank(self, query: str) -> list[int]:
        needle = query.lower()
        hits = [
            (needle in title, (title + body).count(needle), -index, index)
            for index, title, body in self.docs
            if needle in title or needle in body
        ]
        return [item[-1] for item in sorted(hits, reverse=True)]


class RawFts:
    name = "fts_raw"

    def __init__(self, docs):
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE raw USING fts5(title, body, "
            "tokenize='unicode61 remove_diacritics 0')"
        )
        self.db.executemany(
            "INSERT INTO raw(rowid, title, body) VALUES (?, ?, ?)",
            [(d.index, d.title, d.body) for d in docs],
        )

    def rank(self, query: str) -> list[int]:
        words = "".join(ch if ch.isalnum() else " " for ch in query).split()
        if not words:
            return []
        match = " AND ".join(f'"{w}"' for w in words)
        rows = self.db.execute(
            "SELECT rowid FROM raw WHERE raw MATCH ? ORDER BY bm25(raw), rowid", [match]
        )
        return [row[0] for row in rows]


class Ours:
    """The product itself: articles saved into a temporary SQLite database, indexed by the
    same service the site uses, queried through the same selector as the search page."""

    name = "ours"

    def __init__(self, docs):
        self.tmp = tempfile.TemporaryDirectory(prefix="shpalta-quality-")
        os.environ["DATABASE_URL"] = f"sqlite:///{self.tmp.name}/quality.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shpalta.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        self._load(docs)

    def _load(self, docs):
        from datetime import UTC, datetime

        from shpalta.news.models import Article, Section
        from shpalta.search.selectors import ranked_article_ids
        from shpalta.search.services import search_index_rebuild

        section = Section.objects.create(name="Новини", slug="novyny")
        moment = datetime(2026, 1, 1, tzinfo=UTC)  # one date: ranking by text, then id
        Article.objects.bulk_create(
            Article(
                pk=d.index + 1,
                headline=d.title[:300],
                slug=f"doc-{d.index}",
                body=d.body,
                section=section,
                status=Article.Status.PUBLISHED,
                published_at=moment,
            )
            for d in docs
        )
        started = time.perf_counter()
        search_index_rebuild(batch_size=500)
        self.index_seconds = time.perf_counter() - started
        self._ranked = ranked_article_ids

    def rank(self, query: str) -> list[int]:
        return [pk - 1 for pk in self._ranked(query, limit=10_000)]


# --- scoring ----------------------------------------------------------------------------------


def score(ranking: list[int], relevant: set[int]) -> tuple[float, float]:
    top = ranking[:DEPTH]
    recall = len(relevant.intersection(top)) / min(DEPTH, len(relevant))
    first = next((i for i, doc in enumerate(ranking, 1) if doc in relevant), None)
    return recall, (1.0 / first if first else 0.0)


def evaluate(systems, entities, docs) -> dict:
    judged = {
        name: {d.index for d in docs if d.gold_set == name} for name in ("ner-uk", "slavicner")
    }
    sums: dict = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0, 0]))
    for entity in entities:
        for system in systems:
            ranking = [d for d in system.rank(entity.query) if d in judged[entity.gold_set]]
            recall, rr = score(ranking, entity.docs)
            for bucket in (entity.type, f"{entity.gold_set}:{entity.type}"):
                cell = sums[system.name][bucket]
                cell[0] += recall
                cell[1] += rr
                cell[2] += 1
    return {
        system: {
            bucket: {
                "recall_at_10": round(r / n, 4),
                "mrr": round(m / n, 4),
                "queries": n,
            }
            for bucket, (r, m, n) in sorted(buckets.items())
        }
        for system, buckets in sums.items()
    }


def print_table(figures: dict) -> None:
    buckets = sorted(figures["ours"])
    print(f"{'entities':<20}{'n':>6}  " + "".join(f"{s:>22}" for s in figures))
    print(f"{'':<28}" + "".join(f"{'R@10    MRR':>22}" for _ in figures))
    for bucket in buckets:
        n = figures["ours"][bucket]["queries"]
        cells = "".join(
            f"{figures[s][bucket]['recall_at_10']:>14.3f}{figures[s][bucket]['mrr']:>8.3f}"
            for s in figures
        )
        print(f"{bucket:<20}{n:>6}  {cells}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="uk-news style JSONL")
    parser.add_argument("--ner-uk", type=Path, required=True, help="folder laid out as ner-uk/")
    parser.add_argument("--slavicner", type=Path, required=True, help="as slavicner-uk/")
    parser.add_argument("--limit", type=int, default=0, help="at most this many entities")
    args = parser.parse_args(argv)
    docs = load_corpus(args.corpus)
    entities = gold_entities(docs, args.ner_uk, args.slavicner)
    entities.sort(key=lambda e: (e.gold_set, e.type, e.query))
    if args.limit:
        entities = entities[: args.limit]
    systems = [Ours(docs), Substring(docs), RawFts(docs)]
    print(
        f"{len(docs)} documents, {len(entities)} gold entities; "
        f"our index built in {systems[0].index_seconds:.1f} s"
    )
    figures = evaluate(systems, entities, docs)
    print_table(figures)
    print(json.dumps(figures, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
