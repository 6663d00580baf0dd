import importlib
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

    assert run("wordpress", str(path)).splitlines() == [
        "Імпортовано 1 статтю; уже були раніше: 0; пропущено сторінок: 1; нових авторів: 1; "
        "нових розділів: 1; переспрямувань зі старих адрес: 4.",
        "Оновлено згадки й «Інші новини» для статей: 1.",
    ]
    # Nothing new the second time: no entity pass either.
    assert run("wordpress", str(path)).splitlines() == [
        "Імпортовано 0 статей; уже були раніше: 1; пропущено сторінок: 1."
    ]


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


def _jsonl(tmp_path, *titles):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps(
            {"id": str(n), "title": title, "body": f"{title}. Про це заявив Умєров.",
             "published": "2026-11-20T10:00:00+02:00"},
            ensure_ascii=False,
        )
        for n, title in enumerate(titles, start=1)
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_command_links_entities_and_related_after_the_articles(tmp_path):
    from shpalta.entities.models import ArticleProfile, RelatedArticle

    run("jsonl", str(_jsonl(tmp_path, "Умєров у Брюсселі", "Умєров у Сеулі", "Бюджет")))

    imported = list(Article.objects.values_list("pk", flat=True))
    assert len(imported) == 3
    assert ArticleProfile.objects.filter(article__in=imported).count() == 3
    assert RelatedArticle.objects.filter(article__in=imported).exists()


def test_changes_inside_a_deferred_block_are_noted_not_refreshed(db):
    from shpalta.entities.models import ArticleProfile
    from shpalta.entities.services import article_refresh_deferred, articles_refresh
    from tests.factories.news import ArticleFactory

    with article_refresh_deferred() as noted:
        article = ArticleFactory(headline="Умєров у Брюсселі")
    assert noted == [article.pk]
    assert not ArticleProfile.objects.filter(article=article).exists()
    articles_refresh(ids=noted)
    assert ArticleProfile.objects.filter(article=article).exists()
    # Outside the block, a change is refreshed at once again.
    other = ArticleFactory(headline="Умєров у Сеулі")
    assert ArticleProfile.objects.filter(article=other).exists()


def test_entity_pass_failure_keeps_the_import_and_names_the_repair(tmp_path, monkeypatch):
    command = importlib.import_module("shpalta.importers.management.commands.import")

    def broken(**kwargs):
        raise RuntimeError("диск заповнено")

    monkeypatch.setattr(command, "articles_refresh", broken)
    with pytest.raises(CommandError, match="relink_entities") as failure:
        run("jsonl", str(_jsonl(tmp_path, "Умєров у Брюсселі")))
    assert "диск заповнено" in str(failure.value)
    assert Article.objects.count() == 1
