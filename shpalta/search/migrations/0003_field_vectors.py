"""PostgreSQL scores candidates like SQLite's FTS5 column filters: one GIN-indexed lexeme set,
field_vector, holds each headline term as 1<term>, each lede term as 2<term> and each term
the body repeats as 3<term>. "Every query word in the headline" is then an index lookup
('1місто') intersected with the candidates' rank-key range, instead of testing a weighted
rank_vector on every candidate: 22–36 → 12 ms for a word in 7,500 of the newest
documents at 100,000 (docs/benchmarks.md). The body vector is compressed with LZ4 where
the server has it: reading it back takes half the time of the default pglz (36.6 → 18.6 ms
for 4,321 vectors), and a slice's recheck of a very common word does exactly that. Rows
written before keep their compression until `shpalta reindex` rewrites them. SQLite has
nothing to change.

rank_vector stays: the previous release's servers still score with it while a rolling
deploy restarts them one by one (docs/deploy.md); a later release drops it. Adding the
stored column rewrites search_document under a lock that holds searches and saves back:
about 20 s at 100,000 articles on this machine."""

from django.db import migrations


def _prefixed(column: str, prefix: str) -> str:
    return f"regexp_replace({column}, '(\\S+)', '{prefix}\\1', 'g')"


_FIELDS = " || ' ' || ".join(
    _prefixed(column, prefix)
    for column, prefix in (("headline_terms", 1), ("lede_terms", 2), ("focus_terms", 3))
)
FORWARD = [
    "ALTER TABLE search_document ADD COLUMN field_vector tsvector GENERATED ALWAYS AS "
    f"(strip(to_tsvector('simple'::regconfig, {_FIELDS}))) STORED",
    "CREATE INDEX search_document_fields ON search_document USING gin (field_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_document_fields",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS field_vector",
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
