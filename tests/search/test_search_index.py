"""The index follows articles: publish adds, edit updates, unpublish and delete remove."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from shpalta.news import services
from shpalta.news.models import Article
from shpalta.search.models import SearchDocument
from shpalta.search.selectors import search_articles
from shpalta.ukrainian import morphology
from tests.factories.news import ArticleFactory, draft, scheduled

pytestmark = pytest.mark.django_db


def found(query):
    return [hit.article.pk for hit in search_articles(query).hits]


def test_published_article_is_indexed_with_lemmas():
    article = ArticleFactory(
        headline="Ув’язнені у Сеулі", lede="Умєрова зустріли.", body="<p>Південної Кореї</p>"
    )
    document = SearchDocument.objects.get(article=article)
    assert document.headline_terms == "увязнений сеул"
    assert "умєров" in document.lede_terms.split()
    assert document.body_terms.split() == ["південний", "корея"]


def test_draft_is_not_indexed():
    article = draft(headline="Чернетка про Умєрова")
    assert not SearchDocument.objects.filter(article=article).exists()
    assert found("Умєров") == []


def test_scheduled_article_is_indexed_but_hidden_until_due():
    article = scheduled(headline="Анонс: Умєров у Брюсселі")
    assert SearchDocument.objects.filter(article=article).exists()
    assert found("Умєров") == []


def test_publishing_a_draft_makes_it_findable():
    article = draft(headline="Умєров у Брюсселі")
    services.article_publish(article=article)
    assert found("Умєров") == [article.pk]


def test_unpublish_removes_article_from_index():
    article = ArticleFactory(headline="Умєров у Брюсселі")
    services.article_unpublish(article=article)
    assert not SearchDocument.objects.filter(article=article).exists()
    assert found("Умєров") == []


def test_edit_reindexes_article():
    article = ArticleFactory(headline="Умєров у Брюсселі")
    article.headline = "Сибіга у Брюсселі"
    services.article_save(article=article)
    assert found("Умєров") == []
    assert found("Сибіга") == [article.pk]


def test_deleting_article_removes_document():
    article = ArticleFactory(headline="Умєров у Брюсселі")
    Article.objects.filter(pk=article.pk).delete()
    assert SearchDocument.objects.count() == 0
    assert found("Умєров") == []


def test_rolled_back_save_leaves_index_as_it_was():
    article = ArticleFactory(headline="Умєров у Брюсселі")
    with pytest.raises(RuntimeError), transaction.atomic():
        article.headline = "Сибіга у Брюсселі"
        services.article_save(article=article)
        raise RuntimeError("editor's save failed")
    assert found("Умєров") == [article.pk]
    assert found("Сибіга") == []


def test_reindex_command_restores_missing_and_drops_stale_entries():
    kept = ArticleFactory(headline="Умєров у Брюсселі")
    gone = ArticleFactory(headline="Умєров у Сеулі")
    SearchDocument.objects.filter(article=kept).delete()
    # A draft's entry left behind (e.g. written by an old version): reindex removes it.
    Article.objects.filter(pk=gone.pk).update(status=Article.Status.DRAFT)
    out, err = io.StringIO(), io.StringIO()
    call_command("reindex", stdout=out, stderr=err)
    assert out.getvalue().strip() == ("Проіндексовано статей: 1; прибрано застарілих записів: 1.")
    assert "Індексація" in err.getvalue() and "1/1" in err.getvalue()
    assert found("Умєров") == [kept.pk]


def test_reindex_picks_up_newly_registered_name_forms():
    article = ArticleFactory(headline="Зустріч з Юн Сок Йолем")
    assert found("Йоль") == []
    morphology.register_forms({"Йолем": "Йоль"})
    try:
        call_command("reindex", "--no-progress", stdout=io.StringIO())
        assert found("Йоль") == [article.pk]
    finally:
        morphology.clear_extra_forms()


def test_reindex_refuses_bad_batch_size():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--batch-size"):
        call_command("reindex", "--batch-size", "0", stdout=io.StringIO())


def fts5_automerge():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT v FROM search_fts_config WHERE k = 'automerge'")
        row = cursor.fetchone()
    return None if row is None else int(row[0])


@pytest.mark.parametrize("fails", [False, True])
def test_rebuild_turns_fts5_automerge_off_only_while_it_runs(monkeypatch, fails):
    from django.db import connection

    from shpalta.search import services

    if connection.vendor != "sqlite":
        pytest.skip("FTS5 is SQLite's index")
    ArticleFactory.create_batch(3, headline="Умєров у Брюсселі")
    seen = []

    def batch(ids):
        seen.append(fts5_automerge())
        if fails:
            raise RuntimeError("disk full")
        real_batch(ids)

    real_batch = services._reindex_batch
    monkeypatch.setattr(services, "_reindex_batch", batch)
    if fails:
        with pytest.raises(RuntimeError):
            services.search_index_rebuild(batch_size=2)
    else:
        services.search_index_rebuild(batch_size=2)
    assert seen[0] == 0
    assert fts5_automerge() == 4  # FTS5's default, for the site's own writes again
    assert len(found("Умєров")) == 3
