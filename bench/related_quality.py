"""«Інші новини» quality on slavicner-uk, whose documents carry a topic.

    .venv/bin/python bench/related_quality.py --slavicner ../shared/data/slavicner-uk

For every document, the six stories the site would show; precision@6 is the share of them
on the same topic, averaged over documents. Ours (shared entities and lemmas, weighted by
rarity, through the same functions and the same 40-strongest-terms index the site uses)
beside "latest six" (the six stories published just before, in a fixed shuffled order,
since the corpus has no dates) and beside lemma-only similarity (ours without entities).
The corpus has no dates, so every story gets the same one and the age discount is
neutral here; it is covered by tests. The last printed line is one JSON object.
"""

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gold import headline_and_body, read_slavicner
from shpalta.entities import related
from shpalta.entities.extraction import extract_article

COUNT = 6


def profiles(documents, *, with_entities: bool) -> list[dict[str, float]]:
    out = []
    for document in documents:
        headline, body = headline_and_body(document)
        keys = []
        if with_entities:
            mentions = extract_article(headline, "", body)
            counts = Counter(m.key for m in mentions)
            keys = [k for k, n in counts.items() for _ in range(min(n, 5))]
        out.append(related.story_terms(headline, body, keys))
    return out


def weights(terms_list: list[dict[str, float]]) -> list[dict[str, float]]:
    frequencies = Counter(t for terms in terms_list for t in terms)
    total = len(terms_list)
    return [
        related.strongest(related.weigh(t, frequencies, total), related.KEPT_TERMS)
        for t in terms_list
    ]


def precision_by_similarity(documents, weighted, queries) -> tuple[float, float]:
    others = {n: (w, None) for n, w in enumerate(weighted)}
    precisions, ceilings = [], []
    for n in queries:
        ranked = [pk for pk, _ in related.rank(weighted[n], others, exclude=n, count=COUNT)]
        # Fewer than six related stories: the site tops the list up with the latest.
        ranked += [pk for pk in _latest(n, len(documents)) if pk not in ranked][
            : COUNT - len(ranked)
        ]
        same = sum(documents[pk].part == documents[n].part for pk in ranked)
        precisions.append(same / COUNT)
        available = sum(d.part == documents[n].part for d in documents) - 1
        ceilings.append(min(available, COUNT) / COUNT)
    return sum(precisions) / len(precisions), sum(ceilings) / len(ceilings)


def _latest(n: int, size: int) -> list[int]:
    """The stories "published" just before story n in the fixed order (wrapping round)."""
    return [(n - k) % size for k in range(1, COUNT + 1)]


def precision_latest(documents, queries) -> float:
    values = [
        sum(documents[pk].part == documents[n].part for pk in _latest(n, len(documents))) / COUNT
        for n in queries
    ]
    return sum(values) / len(values)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slavicner", required=True, type=Path)
    parser.add_argument("--seed", type=int, default=2026, help="order of the 'latest' baseline")
    args = parser.parse_args(argv)
    documents = read_slavicner(args.slavicner)
    random.Random(args.seed).shuffle(documents)
    started = time.perf_counter()
    ours = weights(profiles(documents, with_entities=True))
    seconds = time.perf_counter() - started
    lemma_only = weights(profiles(documents, with_entities=False))
    result = {"documents": len(documents), "topics": dict(Counter(d.part for d in documents))}
    for label, queries in {
        "all": range(len(documents)),
        "test": [n for n, d in enumerate(documents) if d.split == "test"],
    }.items():
        p_ours, ceiling = precision_by_similarity(documents, ours, queries)
        p_lemmas, _ = precision_by_similarity(documents, lemma_only, queries)
        result[label] = {
            "queries": len(queries),
            "ours_p_at_6": round(p_ours, 3),
            "lemma_only_p_at_6": round(p_lemmas, 3),
            "latest_six_p_at_6": round(precision_latest(documents, queries), 3),
            "ceiling_p_at_6": round(ceiling, 3),
        }
        print(label, json.dumps(result[label]))
    result["profile_seconds"] = round(seconds, 2)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
