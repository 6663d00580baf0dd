"""Entity extraction quality against gold annotations, ours beside a capitalisation-only
baseline.

    .venv/bin/python bench/entity_quality.py --ner-uk ../shared/data/ner-uk \
        --slavicner ../shared/data/slavicner-uk

Mention detection: precision, recall and F1 by type, strict (same start, end and type) and
lenient (overlapping, same type). Predictions that overlap a gold span of a type we do not
extract (dates, money, job titles, products, documents ...) are left out of the count.
Normalisation (slavicner-uk, which gives lemmas): of the gold mentions we found with the
right boundaries, how many we reduced to the gold nominative; and within a document, how
many mentions of one gold entity id got the same key as the rest of them. Also the time to
extract from a 10,000-word article. The last printed line is one JSON object.
"""

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gold import GoldDocument, read_ner_uk, read_slavicner
from shpalta.entities.extraction import extract, name_key

NER_UK_TYPES = {"PERS": "person", "ORG": "organisation", "LOC": "place"}
SLAVICNER_TYPES = {"PER": "person", "ORG": "organisation", "LOC": "place", "EVT": "event"}
_CAPS_RUN = re.compile(r"(?:\b[A-ZА-ЯІЇЄҐ][\w'’ʼ-]*(?:\s+|$))+")


class Tally:
    def __init__(self):
        self.tp, self.fp, self.fn = Counter(), Counter(), Counter()

    def add(self, kind: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp[kind] += tp
        self.fp[kind] += fp
        self.fn[kind] += fn

    def figures(self) -> dict:
        out = {}
        for kind in sorted(set(self.tp) | set(self.fp) | set(self.fn)):
            out[kind] = _prf(self.tp[kind], self.fp[kind], self.fn[kind])
        out["all"] = _prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))
        return out


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "gold": tp + fn}


def capitalisation_baseline(text: str) -> list[tuple[int, int, str, str]]:
    """Every run of capitalised words, sentence starts included, named as written."""
    out = []
    for match in _CAPS_RUN.finditer(text):
        surface = match.group(0).rstrip()
        out.append((match.start(), match.start() + len(surface), "", surface))
    return out


def ours(text: str) -> list[tuple[int, int, str, str]]:
    return [(m.start, m.end, m.kind, m.name) for m in extract(text)]


def score_detection(documents, types, predict, *, typed=True) -> dict:
    strict, lenient = Tally(), Tally()
    for document in documents:
        gold = [(s.start, s.end, types[s.kind]) for s in document.spans if s.kind in types]
        ignored = [(s.start, s.end) for s in document.spans if s.kind not in types]
        predicted = [
            (start, end, kind if typed else "")
            for start, end, kind, _ in predict(document.text)
            if not any(start < e and s < end for s, e in ignored)
            or any(start < e and s < end for s, e, _ in gold)
        ]
        if not typed:
            gold = [(s, e, "") for s, e, _ in gold]
        _tally_strict(strict, gold, predicted)
        _tally_lenient(lenient, gold, predicted)
    return {"strict": strict.figures(), "lenient": lenient.figures()}


def _tally_strict(tally: Tally, gold: list, predicted: list) -> None:
    gold_set, predicted_set = set(gold), set(predicted)
    for item in predicted_set:
        tally.add(item[2], tp=int(item in gold_set), fp=int(item not in gold_set))
    for item in gold_set - predicted_set:
        tally.add(item[2], fn=1)


def _tally_lenient(tally: Tally, gold: list, predicted: list) -> None:
    def overlaps(a, b):
        return a[0] < b[1] and b[0] < a[1] and a[2] == b[2]

    for item in set(predicted):
        hit = any(overlaps(item, g) for g in gold)
        tally.add(item[2], tp=int(hit), fp=int(not hit))
    for item in set(gold):
        if not any(overlaps(item, p) for p in predicted):
            tally.add(item[2], fn=1)


def score_normalisation(documents: list[GoldDocument], predict) -> dict:
    """Lemma accuracy over gold mentions found with exact boundaries; id consistency of
    the keys given to one gold entity inside one document."""
    right = found = consistent = grouped = 0
    by_kind = defaultdict(lambda: [0, 0])
    for document in documents:
        predicted = {(start, end): name for start, end, _, name in predict(document.text)}
        keys_by_id = defaultdict(list)
        for span in document.spans:
            if span.kind not in SLAVICNER_TYPES:
                continue
            name = predicted.get((span.start, span.end))
            if name is None:
                continue
            found += 1
            ok = name_key(name) == name_key(span.lemma)
            right += ok
            by_kind[SLAVICNER_TYPES[span.kind]][0] += ok
            by_kind[SLAVICNER_TYPES[span.kind]][1] += 1
            keys_by_id[span.entity_id].append(name_key(name))
        for keys in keys_by_id.values():
            if len(keys) > 1:
                top = Counter(keys).most_common(1)[0][1]
                consistent += top
                grouped += len(keys)
    return {
        "accuracy": round(right / found, 3) if found else 0.0,
        "mentions": found,
        "by_type": {k: round(v[0] / v[1], 3) for k, v in sorted(by_kind.items())},
        "same_entity_same_key": round(consistent / grouped, 3) if grouped else 0.0,
    }


def score_keys(documents: list[GoldDocument]) -> dict:
    """Like score_normalisation, but for the key that links a mention to an entity
    («Умєрова» after «Рустем Умєров» in one text): in a document, do mentions of one gold
    id share our key? Measured with our own extract()."""
    consistent = grouped = 0
    for document in documents:
        predicted = {(m.start, m.end): m.key for m in extract(document.text)}
        keys_by_id = defaultdict(list)
        for span in document.spans:
            key = predicted.get((span.start, span.end))
            if span.kind in SLAVICNER_TYPES and key:
                keys_by_id[span.entity_id].append(key)
        for keys in keys_by_id.values():
            if len(keys) > 1:
                consistent += Counter(keys).most_common(1)[0][1]
                grouped += len(keys)
    return {"same_entity_same_key": round(consistent / grouped, 3) if grouped else 0.0}


def timing_10k_words(documents: list[GoldDocument], runs: int = 15) -> dict:
    """Median wall and CPU time to extract from one 10,000-word text made of real news.
    CPU time is the fairer figure on a shared machine: wall time includes waiting."""
    text = " ".join(" ".join(d.text for d in documents).split(" ")[:10_000])
    extract(text)  # first call warms the word caches, as a running server's would be
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        extract(text)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "words": len(text.split()),
        "median_ms": round(statistics.median(wall), 1),
        "median_cpu_ms": round(statistics.median(cpu), 1),
        "best_ms": round(min(wall), 1),
    }


def cold_timing(text: str) -> float:
    from shpalta.entities import morph, names

    morph.parses.cache_clear()
    morph.is_known.cache_clear()
    names.surname_nominative.cache_clear()
    names.surname_forms.cache_clear()
    started = time.perf_counter()
    extract(text)
    return round((time.perf_counter() - started) * 1000, 1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ner-uk", required=True, type=Path)
    parser.add_argument("--slavicner", required=True, type=Path)
    args = parser.parse_args(argv)
    ner = read_ner_uk(args.ner_uk)
    slav = read_slavicner(args.slavicner)
    result = {"ner_uk": {}, "slavicner": {}}
    subsets = {
        "ng_news": [d for d in ner if d.part == "ng"],
        "all": ner,
        "dev": [d for d in ner if d.split == "dev"],
        "test": [d for d in ner if d.split == "test"],
    }
    for label, docs in subsets.items():
        result["ner_uk"][label] = {
            "ours": score_detection(docs, NER_UK_TYPES, ours),
            "ours_untyped": score_detection(docs, NER_UK_TYPES, ours, typed=False)["strict"]["all"],
            "baseline_untyped": score_detection(
                docs, NER_UK_TYPES, capitalisation_baseline, typed=False
            )["strict"]["all"],
        }
        print(label, json.dumps(result["ner_uk"][label]["ours"]["strict"], ensure_ascii=False))
    for label, docs in {
        "all": slav,
        "train": [d for d in slav if d.split == "train"],
        "test": [d for d in slav if d.split == "test"],
    }.items():
        result["slavicner"][label] = {
            "ours": score_detection(docs, SLAVICNER_TYPES, ours),
            "ours_untyped": score_detection(docs, SLAVICNER_TYPES, ours, typed=False)["strict"][
                "all"
            ],
            "baseline_untyped": score_detection(
                docs, SLAVICNER_TYPES, capitalisation_baseline, typed=False
            )["strict"]["all"],
            "normalisation": score_normalisation(docs, ours),
            "baseline_normalisation": score_normalisation(docs, capitalisation_baseline),
            "keys": score_keys(docs),
        }
        print("slavicner", label, json.dumps(result["slavicner"][label]["normalisation"]))
    result["timing"] = timing_10k_words(slav)
    result["timing"]["cold_ms"] = cold_timing(" ".join(d.text for d in ner[:40]))
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
