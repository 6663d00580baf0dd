"""Real Ukrainian news with gold entities (SlavicNER): every gold person and place, queried
by its nominative lemma, finds the stories that name it in any case form."""

import json
from collections import defaultdict
from datetime import UTC, datetime

import pytest

from shpalta.news.models import Article, Section
from shpalta.search.selectors import ranked_article_ids
from shpalta.search.services import search_index_rebuild

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
TOPIC = "brexit"


def _load(shared_data):
    records = []
    with (shared_data / "uk-news" / "uk-news.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["collection"] == "slavicner-uk" and record["section"] == TOPIC:
                records.append(record)
    return records


def _gold(shared_data, record) -> list[tuple[str, str, str]]:
    relative = record["ner_doc"][len("slavicner-uk/raw/") : -len(".txt")] + ".tsv"
    lines = (shared_data / "slavicner-uk" / "ner" / relative).read_text(encoding="utf-8")
    return [tuple(line.split("\t")[3:6]) for line in lines.splitlines() if line.count("\t") >= 5]


def test_gold_people_and_places_found_in_any_form(shared_data):
    records = _load(shared_data)
    section = Section.objects.create(name="Світ", slug="svit")
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    Article.objects.bulk_create(
        Article(
            pk=i + 1, headline=r["title"][:300], slug=f"d{i}", body=r["body"], section=section,
            status=Article.Status.PUBLISHED, published_at=moment,
        )
        for i, r in enumerate(records)
    )  # fmt: skip
    search_index_rebuild()
    mentions: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, record in enumerate(records):
        for lemma, kind, entity_id in _gold(shared_data, record):
            if kind in {"PER", "LOC"}:
                mentions[(entity_id, lemma)].add(i + 1)
    recalls = []
    for (_, lemma), relevant in mentions.items():
        top = set(ranked_article_ids(lemma, limit=10, now=moment))
        recalls.append(len(top & relevant) / min(10, len(relevant)))
    assert len(records) > 30 and len(recalls) > 50
    assert sum(recalls) / len(recalls) >= 0.95
