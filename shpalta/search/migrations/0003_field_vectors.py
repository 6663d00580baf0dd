"""PostgreSQL scores candidates on three small lexeme sets (headline, lede, terms the body
repeats) instead of one weighted rank_vector: they stay inline and uncompressed in the
row, so testing 2,000 candidates no longer decompresses a vector per test (12–20 ms at
100,000 articles, docs/benchmarks.md). SQLite has nothing to change."""

from django.db import migrations


def _vector(column: str) -> str:
    return f"tsvector GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, {column}))) STORED"


FORWARD = [
    "ALTER TABLE search_document DROP COLUMN IF EXISTS rank_vector, "
    f"ADD COLUMN headline_vector {_vector('headline_terms')}, "
    f"ADD COLUMN lede_vector {_vector('lede_terms')}, "
    f"ADD COLUMN focus_vector {_vector('focus_terms')}",
]
BACKWARD = [
    "ALTER TABLE search_document DROP COLUMN IF EXISTS headline_vector, "
    "DROP COLUMN IF EXISTS lede_vector, DROP COLUMN IF EXISTS focus_vector, "
    "ADD COLUMN rank_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, headline_terms), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, lede_terms), 'B')"
    " || setweight(to_tsvector('simple'::regconfig, focus_terms), 'C')) STORED",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_rank_key")]

    operations = [migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD))]
