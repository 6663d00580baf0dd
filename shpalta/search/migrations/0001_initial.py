"""The search document table, then the engine-specific full-text index beside it.

SQLite: an FTS5 table over search_document (external content, so the terms are stored
once) with triggers that keep it in step. PostgreSQL: stored generated tsvector columns
and a GIN index. The 'simple' configuration only lowercases and splits: the lemmas are
already computed in Python (PostgreSQL ships no Ukrainian configuration).
"""

import django.db.models.deletion
from django.db import migrations, models

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        headline_terms, lede_terms, body_terms, focus_terms,
        content='search_document', content_rowid='article_id',
        tokenize='unicode61 remove_diacritics 0'
    )
    """,
    """
    CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts(rowid, headline_terms, lede_terms, body_terms, focus_terms)
        VALUES (new.article_id, new.headline_terms, new.lede_terms, new.body_terms,
                new.focus_terms);
    END
    """,
    """
    CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline_terms, lede_terms, body_terms,
                               focus_terms)
        VALUES ('delete', old.article_id, old.headline_terms, old.lede_terms, old.body_terms,
                old.focus_terms);
    END
    """,
    """
    CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline_terms, lede_terms, body_terms,
                               focus_terms)
        VALUES ('delete', old.article_id, old.headline_terms, old.lede_terms, old.body_terms,
                old.focus_terms);
        INSERT INTO search_fts(rowid, headline_terms, lede_terms, body_terms, focus_terms)
        VALUES (new.article_id, new.headline_terms, new.lede_terms, new.body_terms,
                new.focus_terms);
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TABLE IF EXISTS search_fts",
]

_TITLE = (
    "setweight(to_tsvector('simple'::regconfig, headline_terms), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, lede_terms), 'B')"
)
# rank_vector holds what scoring looks at (headline A, lede B, repeated terms C) and stays
# small, so ranking thousands of matches never de-TOASTs whole bodies.
POSTGRES_FORWARD = [
    f"ALTER TABLE search_document ADD COLUMN rank_vector tsvector GENERATED ALWAYS AS ({_TITLE}"
    f" || setweight(to_tsvector('simple'::regconfig, focus_terms), 'C')) STORED",
    f"ALTER TABLE search_document ADD COLUMN document tsvector GENERATED ALWAYS AS ({_TITLE}"
    f" || setweight(to_tsvector('simple'::regconfig, body_terms), 'D')) STORED",
    "CREATE INDEX search_document_gin ON search_document USING gin (document)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_gin",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS document",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS rank_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise NotImplementedError("Search supports SQLite and PostgreSQL only.")
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [("news", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="news.article",
                    ),
                ),
                ("published_at", models.DateTimeField()),
                (
                    "section",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="news.section",
                    ),
                ),
                ("headline_terms", models.TextField(blank=True)),
                ("lede_terms", models.TextField(blank=True)),
                ("body_terms", models.TextField(blank=True)),
                (
                    "focus_terms",
                    models.TextField(
                        blank=True, help_text="Terms the text repeats: what the story is about."
                    ),
                ),
                ("indexed_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "пошуковий документ",
                "verbose_name_plural": "пошукові документи",
                "db_table": "search_document",
                "indexes": [
                    models.Index(
                        fields=["article", "published_at", "section"],
                        name="search_document_covering",
                    )
                ],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
