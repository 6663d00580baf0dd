"""How related two stories are: the entities and lemmas they share, each weighted by how
rare it is across the archive, the total discounted by the time between them.

Pure functions over plain dicts, so that the benchmark scores exactly what the site does.
A story's terms: `e:<key>` for every entity it names (counted per mention; the key joins
«Умєрова» and «Рустем Умєров», which lemmas alone cannot) and `l:<lemma>` for its content
words (the headline counts double). Weights are tf-idf, normalised to length 1, so a score
is a cosine between 0 and 1 before the age discount. An entity is not boosted above a word:
its words are already counted as lemmas, and on slavicner-uk a boost lowered precision@6
(bench/related_quality.py, docs/benchmarks.md).
"""

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime

from shpalta.ukrainian import morphology

ENTITY_BOOST = 1.0
HEADLINE_BOOST = 2.0
HALF_LIFE_DAYS = 30.0
MIN_LEMMA_LENGTH = 3
KEPT_TERMS = 80  # per story in the inverted index: its strongest terms only


def lemma_counts(text: str) -> Counter:
    """Content lemmas of a text, one vote per word split among its likely lemmas."""
    counts: Counter = Counter()
    for token in morphology.tokens(text):
        if token.isdigit() or len(token) < MIN_LEMMA_LENGTH:
            continue
        found = morphology.query_lemmas(token)
        for lemma in found:
            counts["l:" + morphology.term(lemma)] += 1 / len(found)
    return counts


def story_terms(headline: str, text: str, entity_keys: Iterable[str]) -> dict[str, float]:
    """Raw term counts of a story: lemmas of headline (double) and text, plus entities."""
    counts = lemma_counts(text)
    for term, n in lemma_counts(headline).items():
        counts[term] += n * HEADLINE_BOOST
    for key in entity_keys:
        counts["e:" + key] += ENTITY_BOOST
    return {term: round(n, 3) for term, n in counts.items()}


def idf(documents: int, total: int) -> float:
    return math.log((total + 1) / (documents + 1)) + 1.0


def weigh(terms: Mapping[str, float], frequencies: Mapping[str, int], total: int) -> dict:
    """tf-idf with a dampened tf, normalised to length 1."""
    raw = {
        term: (1 + math.log(n)) * idf(frequencies.get(term, 0), total) if n >= 1 else n
        for term, n in terms.items()
        if n > 0
    }
    norm = math.sqrt(sum(w * w for w in raw.values())) or 1.0
    return {term: w / norm for term, w in raw.items()}


def strongest(weights: Mapping[str, float], n: int = KEPT_TERMS) -> dict[str, float]:
    return dict(sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:n])


def similarity(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


def age_discount(first: datetime | None, second: datetime | None) -> float:
    """Halves every HALF_LIFE_DAYS between the two stories: a story from the same week
    beats an equally close one from last year."""
    if first is None or second is None:
        return 1.0
    days = abs((first - second).total_seconds()) / 86400
    return 0.5 ** (days / HALF_LIFE_DAYS)


def rank(
    story: Mapping[str, float],
    others: Mapping[int, tuple[Mapping[str, float], datetime | None]],
    *,
    when: datetime | None = None,
    count: int = 6,
    exclude: int | None = None,
) -> list[tuple[int, float]]:
    """The `count` best (id, score) among `others`, best first, ties to the newer id."""
    scored = []
    for other_id, (weights, published) in others.items():
        if other_id == exclude:
            continue
        score = similarity(story, weights) * age_discount(when, published)
        if score > 0:
            scored.append((other_id, score))
    scored.sort(key=lambda item: (-item[1], -item[0]))
    return scored[:count]
