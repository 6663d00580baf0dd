import io
import json

import pytest
from django.core.management import CommandError, call_command

from shpalta.news.models import Article

from .conftest import wxr_bytes, wxr_post

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("import", *args, "--no-progress", stdout=out)
    return out.getvalue().strip()


def test_import_wordpress_command_prints_summary(tmp_path):
    path = tmp_path / "site.xml"
    path.write_bytes(wxr_bytes(wxr_post(1), wxr_post(2, post_type="page")))

    assert run("wordpress", str(path)) == (
        "Імпортовано 1 статтю; уже були раніше: 0; пропущено сторінок: 1; нових авторів: 1; "
        "нових розділів: 1; переспрямувань зі старих адрес: 4."
    )
    assert run("wordpress", str(path)).startswith("Імпортовано 0 статей; уже були раніше: 1;")


def test_import_jsonl_command_bad_line_fails_with_reason(tmp_path):
    path = tmp_path / "news.jsonl"
    good = json.dumps({"id": "1", "title": "Новина", "body": "Текст"}, ensure_ascii=False)
    path.write_text(good + "\n" + good[:-5] + "\n", encoding="utf-8")

    with pytest.raises(CommandError) as failure:
        run("jsonl", str(path))

    assert str(failure.value).startswith("Імпорт скасовано, базу не змінено. Рядок 2: не JSON")
    assert Article.objects.count() == 0


def test_import_feed_command_needs_a_source(tmp_path):
    with pytest.raises(CommandError, match="--source"):
        run("feed", str(tmp_path / "feed.xml"))


def test_import_command_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match=r"Не вдалося відкрити файл .*nothing\.xml"):
        run("wordpress", str(tmp_path / "nothing.xml"))


def test_import_feed_command_counts_drafts(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Т</title>'
        "<item><title>Перша</title><guid>1</guid></item>"
        "<item><title>Друга</title><guid>2</guid></item></channel></rss>",
        encoding="utf-8",
    )

    assert run("feed", str(path), "--source", "Укрінформ").startswith(
        "Імпортовано 2 статті; уже були раніше: 0;"
    )
    assert Article.objects.filter(status="draft", sources__name="Укрінформ").count() == 2
