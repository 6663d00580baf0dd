"""PostgreSQL scores candidates on three small lexeme sets (headline, lede, terms the body
repeats) instead of one weighted rank_vector: they stay inline and uncompressed in the
row, so testing 2,000 candidates no longer decompresses a vector per test (12–20 ms at
100,000 articles, docs/benchmarks.md). The body vector is compressed with LZ4 where the
server has it: reading it back takes half the time of the default pglz (36.6 → 18.6 ms for
4,321 vectors), and a slice's GIN recheck does exactly that. Rows written before keep their
compression until `shpalta reindex` rewrites them. SQLite has nothing to change."""

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


LZ4_SUPPORTED = (
    "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
)


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


def _compress_document(method: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(LZ4_SUPPORTED)
            (supported,) = cursor.fetchone()
        if supported:
            schema_editor.execute(
                f"ALTER TABLE search_document ALTER COLUMN document SET COMPRESSION {method}"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_rank_key")]

    operations = [
        migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD)),
        migrations.RunPython(_compress_document("lz4"), _compress_document("pglz")),
    ]
