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
# A broad query («Україна», «війна») matches a large share of the archive. Only its newest
# CANDIDATES matches are ranked (on both engines alike), and the total is then reported
# as "more than CANDIDATES": ranking every match cost 100+ ms at 100,000 articles, and
# 50 pages of 20 never reach past the first 1,000 anyway.
CANDIDATES = 2000


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
        # The candidates: FTS5 walks its rowids (rank keys) downwards, newest first, and
        # stops after CANDIDATES + 1 that pass the filters (CROSS JOIN keeps it the outer
        # loop; dates and sections come from the covering index): the newest CANDIDATES are
        # ranked, the one more only tells that the count is a lower bound. The column
        # matches for scoring are read only from the oldest candidate's key up.
        sql = f"""
            WITH c AS (
                SELECT d.article_id, d.rank_key, d.published_at
                FROM search_fts CROSS JOIN search_document d ON d.rank_key = search_fts.rowid
                WHERE search_fts MATCH %s AND {where}
                ORDER BY search_fts.rowid DESC
                LIMIT {CANDIDATES + 1}
            ), top AS (SELECT * FROM c ORDER BY rank_key DESC LIMIT {CANDIDATES}),
            floor AS (SELECT MIN(rank_key) AS key FROM top)
            SELECT top.article_id,
                   2.0 * (top.rank_key IN ({self._from_floor()}))
                 + 1.0 * (top.rank_key IN ({self._from_floor()}))
                 + 1.0 * (top.rank_key IN ({self._from_floor()}))
                 + {_freshness_sql(self._epoch("top.published_at"))} AS score,
                   (SELECT COUNT(*) FROM c) AS total
            FROM top
            ORDER BY score DESC, top.published_at DESC, top.article_id DESC
            LIMIT %s OFFSET %s
        """
        columns = [
            self._match(groups, "headline_terms"),
            self._match(groups, "lede_terms"),
            self._match(groups, "focus_terms"),
            _epoch_seconds(filters.now),
        ]
        return _fetch(sql, [self._match(groups), *params, *columns, limit, offset])

    def _from_floor(self) -> str:
        return (
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
            " AND rowid >= (SELECT key FROM floor)"
        )

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
        epoch = "FLOOR(EXTRACT(EPOCH FROM top.published_at))::bigint"
        # The candidates: the newest CANDIDATES (+ 1 to know there are more) matches by
        # rank key, the same ones SQLite takes; the planner picks between the GIN index
        # and a walk down the rank key index by how common the words are. Only the
        # candidates are scored.
        sql = f"""
            WITH c AS MATERIALIZED (
                SELECT article_id, rank_key, rank_vector, published_at FROM search_document d
                WHERE document @@ to_tsquery('simple', %s) AND {where}
                ORDER BY rank_key DESC
                LIMIT {CANDIDATES + 1}
            ), top AS (SELECT * FROM c ORDER BY rank_key DESC LIMIT {CANDIDATES})
            SELECT top.article_id,
                   2.0::float8 * (top.rank_vector @@ to_tsquery('simple', %s))::int
                 + 1.0::float8 * (top.rank_vector @@ to_tsquery('simple', %s))::int
                 + 1.0::float8 * (top.rank_vector @@ to_tsquery('simple', %s))::int
                 + {_freshness_sql(epoch, cast="::float8")} AS score,
                   (SELECT COUNT(*) FROM c) AS total
            FROM top
            ORDER BY score DESC, top.published_at DESC, top.article_id DESC
            LIMIT %s OFFSET %s
        """
        scoring = [
            self._tsquery(groups, "A"),
            self._tsquery(groups, "B"),
            self._tsquery(groups, "C"),
            _epoch_seconds(filters.now),
        ]
        return _fetch(sql, [self._tsquery(groups), *params, *scoring, limit, offset])

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
