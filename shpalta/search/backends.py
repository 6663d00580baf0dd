"""The one module that knows which full-text engine is underneath.

Both engines see the same thing: space-separated lemma terms made of letters or digits
only (shpalta.ukrainian.morphology), so tokenising them is trivial and both agree on what
matches. Ranking is computed from facts both engines report identically — does every
query word occur in the headline, in the lede — plus recency, in double-precision
arithmetic that SQLite and PostgreSQL carry out the same way. So the same query returns
the same articles in the same order on both, which a test checks.

    score = 2·[all words in the headline] + 1·[all words in the lede]
          + 1·[all words repeated in the body] + freshness
    freshness = 2·H / (H + age),  H = 7 days   (2 for a story published now, 1 at a week)

"All words" means one form of every query word. A story that repeats a name is about it;
one that names it once in passing is not. A fresh story beats an older one of the same
relevance, and a headline match stays ahead of a body-only mention unless it is weeks
older. Ties go to the newer story, then the higher id.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection

FRESHNESS_HALF_LIFE_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class Filters:
    now: datetime
    section_slug: str | None = None
    published_from: datetime | None = None  # inclusive
    published_before: datetime | None = None  # exclusive


@dataclass(frozen=True)
class Row:
    article_id: int
    score: float
    total: int


def _quote_fts(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


class SqliteBackend:
    """FTS5 over search_document (external content, triggers), unicode61 tokeniser."""

    vendor = "sqlite"

    def _match(self, groups, column: str | None = None) -> str:
        expression = " AND ".join(
            "(" + " OR ".join(_quote_fts(t) for t in group) + ")" for group in groups
        )
        return f"{column} : ({expression})" if column else expression

    def _epoch(self, column: str) -> str:
        return f"CAST(strftime('%%s', {column}) AS INTEGER)"

    def search(self, groups, filters: Filters, *, limit: int, offset: int) -> list[Row]:
        where, params = _filter_sql(filters)
        # CROSS JOIN keeps the FTS lookup as the outer loop. Dates and sections are read
        # from search_document's covering index, never from article rows, whose long
        # bodies would make every one of thousands of lookups walk overflow pages.
        sql = f"""
            SELECT d.article_id,
                   2.0 * (d.article_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))
                 + 1.0 * (d.article_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))
                 + 1.0 * (d.article_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))
                 + {_freshness_sql(self._epoch("d.published_at"))} AS score,
                   COUNT(*) OVER () AS total
            FROM search_fts CROSS JOIN search_document d ON d.article_id = search_fts.rowid
            WHERE search_fts MATCH %s AND {where}
            ORDER BY score DESC, d.published_at DESC, d.article_id DESC
            LIMIT %s OFFSET %s
        """
        head = [
            self._match(groups, "headline_terms"),
            self._match(groups, "lede_terms"),
            self._match(groups, "focus_terms"),
            _epoch_seconds(filters.now),
            self._match(groups),
        ]
        return _fetch(sql, [*head, *params, limit, offset])

    def optimise(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")

    def rebuild(self) -> None:
        """Re-derive the FTS5 index from search_document (after a crash or a restore)."""
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat "
                "WHERE name LIKE 'search_fts%%' OR name LIKE 'search_document%%' "
                "OR name LIKE 'sqlite_autoindex_search_document%%'"
            )
            return int(cursor.fetchone()[0])


class PostgresBackend:
    """A stored tsvector (document: headline A, lede B, body D) with a GIN index, and a
    smaller stored rank_vector (headline A, lede B, repeated body terms C) for scoring."""

    vendor = "postgresql"

    def _tsquery(self, groups, weight: str = "") -> str:
        suffix = f":{weight}" if weight else ""
        return " & ".join("(" + " | ".join(f"{t}{suffix}" for t in group) + ")" for group in groups)

    def search(self, groups, filters: Filters, *, limit: int, offset: int) -> list[Row]:
        where, params = _filter_sql(filters)
        epoch = "FLOOR(EXTRACT(EPOCH FROM d.published_at))::bigint"
        # The matches come from the GIN index first (a materialised CTE): with stale
        # statistics the planner would otherwise walk every public article and test each.
        sql = f"""
            WITH d AS MATERIALIZED (
                SELECT article_id, rank_vector, published_at, section_id FROM search_document
                WHERE document @@ to_tsquery('simple', %s)
            )
            SELECT d.article_id,
                   2.0::float8 * (d.rank_vector @@ to_tsquery('simple', %s))::int
                 + 1.0::float8 * (d.rank_vector @@ to_tsquery('simple', %s))::int
                 + 1.0::float8 * (d.rank_vector @@ to_tsquery('simple', %s))::int
                 + {_freshness_sql(epoch, cast="::float8")} AS score,
                   COUNT(*) OVER () AS total
            FROM d
            WHERE {where}
            ORDER BY score DESC, d.published_at DESC, d.article_id DESC
            LIMIT %s OFFSET %s
        """
        head = [
            self._tsquery(groups),
            self._tsquery(groups, "A"),
            self._tsquery(groups, "B"),
            self._tsquery(groups, "C"),
            _epoch_seconds(filters.now),
        ]
        return _fetch(sql, [*head, *params, limit, offset])

    def optimise(self) -> None:
        # Fresh statistics, or the planner may pick a sequential scan over a GIN index
        # whose pending list is still full after a bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_document")

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("REINDEX INDEX search_document_gin")

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_document')")
            return int(cursor.fetchone()[0])


def _freshness_sql(epoch_sql: str, cast: str = "") -> str:
    """2·H/(H + age) with age in whole seconds; the same double arithmetic on both."""
    h = FRESHNESS_HALF_LIFE_SECONDS
    return f"(2.0{cast} * {h}) / ({h} + (%s - {epoch_sql})){cast}"


def _epoch_seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def _filter_sql(filters: Filters) -> tuple[str, list]:
    """Over search_document `d`, which holds published and scheduled articles only (the
    index service keeps it so): a scheduled one counts once its time has come."""
    adapt = connection.ops.adapt_datetimefield_value
    clauses = ["d.published_at <= %s"]
    params: list = [adapt(filters.now)]
    if filters.section_slug is not None:
        clauses.append("d.section_id = (SELECT id FROM news_section WHERE slug = %s)")
        params.append(filters.section_slug)
    if filters.published_from is not None:
        clauses.append("d.published_at >= %s")
        params.append(adapt(filters.published_from))
    if filters.published_before is not None:
        clauses.append("d.published_at < %s")
        params.append(adapt(filters.published_before))
    return " AND ".join(clauses), params


def _fetch(sql: str, params: list) -> list[Row]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Row(int(pk), float(score), int(total)) for pk, score, total in cursor.fetchall()]


def backend() -> SqliteBackend | PostgresBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"Search supports SQLite and PostgreSQL, not {connection.vendor}")
