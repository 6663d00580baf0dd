"""Readers for the gold-annotated corpora in ../shared/data (layout described in its README).

ner-uk: <dir>/v2.0/data/{ng,bruk}/<id>.txt + <id>.ann (5 tab-separated fields per entity,
the text field may continue on the next physical line). slavicner-uk: <dir>/raw/<topic>/uk/
<name>.txt (headline, blank line, text) + <dir>/ner/<topic>/uk/<name>.tsv (start, end,
surface, lemma, type, cross-lingual id)."""

import re
from dataclasses import dataclass, field
from pathlib import Path

_ANN_LINE = re.compile(r"^T\d+\t")


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    kind: str
    text: str
    lemma: str = ""
    entity_id: str = ""


@dataclass
class GoldDocument:
    doc_id: str
    text: str
    spans: list[GoldSpan] = field(default_factory=list)
    part: str = ""  # ner-uk: ng or bruk; slavicner: topic
    split: str = ""  # the upstream split the document belongs to


class GoldFormatError(ValueError):
    """A line of a gold file that does not parse; the message names file and line."""


def read_ner_uk(root: Path) -> list[GoldDocument]:
    data = Path(root) / "v2.0" / "data"
    if not data.is_dir():
        raise GoldFormatError(f"{root}: немає теки v2.0/data (очікується розкладка ner-uk)")
    splits = _ner_uk_splits(data / "dev-test-split.txt")
    documents = []
    for part in ("ng", "bruk"):
        for txt in sorted((data / part).glob("*.txt")):
            text = txt.read_text(encoding="utf-8")
            spans = _read_ann(txt.with_suffix(".ann"), text)
            split = splits.get(txt.stem, "")
            documents.append(GoldDocument(f"{part}/{txt.stem}", text, spans, part, split))
    return documents


def _ner_uk_splits(path: Path) -> dict[str, str]:
    splits, current = {}, ""
    if not path.exists():
        return splits
    for line in path.read_text(encoding="utf-8").split():
        if line in {"DEV", "TEST"}:
            current = line.lower()
        else:
            splits[line] = current
    return splits


def _read_ann(path: Path, text: str) -> list[GoldSpan]:
    spans = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not _ANN_LINE.match(line):
            continue  # the rest of an entity text that spans a line break
        fields = line.split("\t")
        try:
            start, end = int(fields[2]), int(fields[3])
        except (IndexError, ValueError) as error:
            raise GoldFormatError(f"{path}:{number}: не розібрано рядок анотації") from error
        spans.append(GoldSpan(start, end, fields[1], text[start:end]))
    return spans


def read_slavicner(root: Path) -> list[GoldDocument]:
    root = Path(root)
    if not (root / "raw").is_dir():
        raise GoldFormatError(f"{root}: немає теки raw/ (очікується розкладка slavicner-uk)")
    test = _slavicner_test_ids(root)
    documents = []
    for txt in sorted((root / "raw").glob("*/uk/*.txt")):
        topic = txt.parent.parent.name
        text = txt.read_text(encoding="utf-8")
        tsv = root / "ner" / topic / "uk" / (txt.stem + ".tsv")
        spans = _read_tsv(tsv) if tsv.exists() else []
        relative = str(txt.relative_to(root))
        split = "test" if relative in test else "train"
        documents.append(GoldDocument(relative, text, spans, topic, split))
    return documents


def _slavicner_test_ids(root: Path) -> set[str]:
    path = root / "SPLIT_cross-topic_test.txt"
    return set(path.read_text(encoding="utf-8").split()) if path.exists() else set()


def _read_tsv(path: Path) -> list[GoldSpan]:
    spans = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) < 6:
            raise GoldFormatError(f"{path}:{number}: очікується 6 полів, є {len(fields)}")
        start, end, surface, lemma, kind, entity_id = fields[:6]
        spans.append(GoldSpan(int(start), int(end), kind, surface, lemma, entity_id))
    return spans


def headline_and_body(document: GoldDocument) -> tuple[str, str]:
    """slavicner raw files: line 1 is the headline, then a blank line, then the text."""
    headline, _, body = document.text.partition("\n")
    return headline.strip(), body.strip()
