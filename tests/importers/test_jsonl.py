import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from shpalta.importers.errors import ImportFailed
from shpalta.importers.jsonl import jsonl_import
from shpalta.news.models import Article

from .snapshot import db_counts

pytestmark = pytest.mark.django_db
KYIV = ZoneInfo("Europe/Kyiv")


def record(n: int, **fields) -> dict:
    return {
        "id": f"doc-{n}",
        "title": f"Заголовок {n}",
        "body": "Перший абзац.\nДругий абзац.",
        "published": "2016",
        "source": "Час Київщини",
        "author": "Геннадій Карпюк",
        "url": f"http://chask.net/?p={n}",
        **fields,
    }


def jsonl(*records) -> io.BytesIO:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return io.BytesIO(("\n".join(lines) + "\n").encode())


def test_jsonl_import_record_becomes_published_article():
    report = jsonl_import(stream=jsonl(record(1)))

    article = Article.objects.get()
    assert report.created == 1
    assert article.headline == "Заголовок 1"
    assert article.body == "<p>Перший абзац.</p>\n<p>Другий абзац.</p>"
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == datetime(2016, 1, 1, tzinfo=KYIV)
    assert [a.name for a in article.authors.all()] == ["Геннадій Карпюк"]
    assert [s.name for s in article.sources.all()] == ["Час Київщини"]
    assert article.imported_from.get().original_url == "http://chask.net/?p=1"


def test_jsonl_import_undated_record_is_a_draft():
    jsonl_import(stream=jsonl(record(1, published=None, source=None, author=None, url=None)))

    article = Article.objects.get()
    assert (article.status, article.published_at) == (Article.Status.DRAFT, None)


def test_jsonl_import_drafts_flag_keeps_everything_unpublished():
    jsonl_import(stream=jsonl(record(1), record(2)), drafts=True)

    assert Article.objects.published().count() == 0


def test_jsonl_import_run_twice_adds_nothing():
    jsonl_import(stream=jsonl(record(1), record(2)))
    before = db_counts()

    report = jsonl_import(stream=jsonl(record(1), record(2)))

    assert (report.created, report.already_imported) == (0, 2)
    assert db_counts() == before


def test_jsonl_import_markup_in_text_stays_text():
    jsonl_import(stream=jsonl(record(1, body="<script>alert(1)</script> і <b>так</b>")))

    assert Article.objects.get().body == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; і &lt;b&gt;так&lt;/b&gt;</p>"
    )


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ('{"id": "doc-2", "title": "x", ', "Рядок 2: не JSON (Expecting property name"),
        ("[1, 2]", "Рядок 2: очікувався об’єкт JSON {…}."),
        ('{"id": "doc-2", "body": "текст"}', "Рядок 2: немає обов’язкового поля «title»"),
        ('{"id": "doc-2", "title": " ", "body": "т"}', "Рядок 2: немає обов’язкового поля «title»"),
        ('{"title": "x", "body": "т"}', "Рядок 2: немає обов’язкового поля «id»"),
        ('{"id": "d", "title": "x", "body": "т", "source": 5}', "Рядок 2: поле «source» має бути"),
        ('{"id": "d", "title": "x", "body": "т", "published": "торік"}', "Рядок 2: дата «торік»"),
    ],
)
def test_jsonl_import_bad_line_is_named_and_changes_nothing(bad_line, message):
    before = db_counts()

    with pytest.raises(ImportFailed) as failure:
        jsonl_import(stream=jsonl(record(1), bad_line, record(3)))

    assert str(failure.value).startswith(message)
    assert db_counts() == before


def test_jsonl_import_not_utf8_names_the_line():
    data = io.BytesIO(json.dumps(record(1)).encode() + b"\n\xff\xfe\n")

    with pytest.raises(ImportFailed, match=r"^Рядок 2: текст не в UTF-8"):
        jsonl_import(stream=data)
    assert Article.objects.count() == 0


def test_jsonl_import_real_uk_news_sample(real_jsonl, tmp_path):
    with open(real_jsonl, "rb") as source:
        sample = b"".join(line for _, line in zip(range(120), source, strict=False))
    records = [json.loads(line) for line in sample.splitlines()]

    report = jsonl_import(stream=io.BytesIO(sample))

    assert report.created == len(records) == 120
    dated = sum(1 for r in records if r["published"])
    assert Article.objects.published().count() == dated
    first = Article.objects.get(imported_from__external_id=records[0]["id"])
    assert first.headline == records[0]["title"]
    assert first.body.count("<p>") == len([p for p in records[0]["body"].split("\n") if p.strip()])
