"""Documents get rank_key, a unique integer in newest-first order, and on SQLite the FTS5
index is rebuilt with it as its rowid: the newest matches of a broad query are then the
first rowids of FTS5's own (descending) order, found without reading every match."""

from django.db import migrations, models

from shpalta.search.models import rank_key

FTS_COLUMNS = "headline_terms, lede_terms, body_terms, focus_terms"


def _fts_statements(rowid_column: str) -> list[str]:
    new = ", ".join(f"new.{c.strip()}" for c in FTS_COLUMNS.split(","))
    old = ", ".join(f"old.{c.strip()}" for c in FTS_COLUMNS.split(","))
    insert = f"INSERT INTO search_fts(rowid, {FTS_COLUMNS}) VALUES (new.{rowid_column}, {new});"
    delete = (
        f"INSERT INTO search_fts(search_fts, rowid, {FTS_COLUMNS}) "
        f"VALUES ('delete', old.{rowid_column}, {old});"
    )
    return [
        f"""CREATE VIRTUAL TABLE search_fts USING fts5(
            {FTS_COLUMNS}, content='search_document', content_rowid='{rowid_column}',
            tokenize='unicode61 remove_diacritics 0')""",
        f"CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN {insert} END",
        f"CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN {delete} END",
        f"CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN "
        f"{delete} {insert} END",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


DROP_FTS = [
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TABLE IF EXISTS search_fts",
]


def _on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


def fill_rank_keys(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    rows = SearchDocument.objects.values_list("article_id", "published_at").iterator(2000)
    batch = []
    for article_id, published_at in rows:
        batch.append(SearchDocument(article_id=article_id, rank_key=rank_key(published_at, article_id)))
        if len(batch) == 2000:
            SearchDocument.objects.bulk_update(batch, ["rank_key"])
            batch = []
    SearchDocument.objects.bulk_update(batch, ["rank_key"])


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial"), ("news", "0001_initial")]

    operations = [
        migrations.RunPython(_on_sqlite(DROP_FTS), _on_sqlite(_fts_statements("article_id"))),
        migrations.AddField(
            model_name="searchdocument",
            name="rank_key",
            field=models.BigIntegerField(null=True),
        ),
        migrations.RunPython(fill_rank_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="searchdocument",
            name="rank_key",
            field=models.BigIntegerField(
                help_text="rank_key(published_at, article): newest first, unique by construction."
            ),
        ),
        migrations.RemoveIndex(model_name="searchdocument", name="search_document_covering"),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                fields=["rank_key", "article", "published_at", "section"],
                name="search_document_by_rank",
            ),
        ),
        migrations.RunPython(_on_sqlite(_fts_statements("rank_key")), _on_sqlite(DROP_FTS)),
    ]
