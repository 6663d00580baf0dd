"""The benchmark's readers and a quality floor on real gold data (skipped without it)."""

import pytest

from bench.entity_quality import (
    NER_UK_TYPES,
    SLAVICNER_TYPES,
    ours,
    score_detection,
    score_normalisation,
)
from bench.gold import GoldFormatError, read_ner_uk, read_slavicner
from tests.shared_data import SKIP_REASON, require_shared_data


def corpus(name: str):
    """A folder of the shared data, or skip the test."""
    path = require_shared_data() / name
    if not path.is_dir():
        pytest.skip(SKIP_REASON)
    return path


def test_ner_uk_reader_offsets_match_text():
    documents = read_ner_uk(corpus("ner-uk"))
    assert len(documents) == 506
    for document in documents[:50]:
        for span in document.spans:
            assert document.text[span.start : span.end] == span.text


def test_slavicner_reader_has_lemmas_ids_and_topics():
    documents = read_slavicner(corpus("slavicner-uk"))
    assert len(documents) == 294
    first = documents[0].spans[0]
    assert first.lemma and first.entity_id and documents[0].part
    assert documents[0].text[first.start : first.end] == first.text


def test_reader_names_a_folder_in_the_wrong_layout(tmp_path):
    with pytest.raises(GoldFormatError, match=r"v2\.0/data"):
        read_ner_uk(tmp_path)
    with pytest.raises(GoldFormatError, match="raw/"):
        read_slavicner(tmp_path)


def test_reader_names_the_bad_line(tmp_path):
    (tmp_path / "raw/brexit/uk").mkdir(parents=True)
    (tmp_path / "ner/brexit/uk").mkdir(parents=True)
    (tmp_path / "raw/brexit/uk/a.txt").write_text("Мей\n\nТекст", encoding="utf-8")
    (tmp_path / "ner/brexit/uk/a.tsv").write_text("0\t3\tМей\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"a\.tsv:1"):
        read_slavicner(tmp_path)


@pytest.mark.slow
def test_person_detection_and_normalisation_floor_on_news():
    """A floor well under the measured figures (docs/benchmarks.md), so that a change that
    breaks extraction fails here before the benchmark is run."""
    news = [d for d in read_ner_uk(corpus("ner-uk")) if d.part == "ng"][:60]
    slavic = read_slavicner(corpus("slavicner-uk"))[:60]
    assert score_detection(news, NER_UK_TYPES, ours)["strict"]["person"]["f1"] >= 0.8
    assert score_detection(slavic, SLAVICNER_TYPES, ours)["strict"]["person"]["f1"] >= 0.8
    assert score_normalisation(slavic, ours)["accuracy"] >= 0.9
