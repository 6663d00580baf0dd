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

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction

from .models import RANK_KEY_ID_BITS

FRESHNESS_HALF_LIFE_SECONDS = 7 * 24 * 3600
# A broad query («Україна», «війна») matches a large share of the archive. Only its newest
# CANDIDATES matches are ranked (on both engines alike), and the total is then reported
# as "more than CANDIDATES": ranking every match cost 100+ ms at 100,000 articles, and
# 50 pages of 20 never reach past the first 1,000 anyway.
CANDIDATES = 2000
FTS5_DEFAULT_AUTOMERGE = 4
# Slices of the newest documents on PostgreSQL (PostgresBackend): the first covers the
# last FIRST_SLICE_SECONDS; the last of MAX_SLICES is the whole archive.
FIRST_SLICE_SECONDS = 3 * 24 * 3600
MAX_SLICES = 4
# PostgreSQL's field_vector marks headline, lede and repeated body terms with these
# (migration search/0003), in that order: the three flags of the score.
FIELD_PREFIXES = ("1", "2", "3")


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

    @contextmanager
    def bulk_writes(self):
        """For a rebuild of the whole archive: FTS5's automerge folds every new segment
        into the large ones it already has, a cost that grows with the index (writes fell
        from 2,000 to 130 documents/s by 220,000 documents; 820/s with it off, see
        docs/benchmarks.md). Off for the rebuild; crisis merges still bound the number of
        segments meanwhile, and automerge carries on from there afterwards."""
        self._set_automerge(0)
        try:
            yield
        finally:
            self._set_automerge(FTS5_DEFAULT_AUTOMERGE)

    def _set_automerge(self, value: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', %s)", [value]
            )

    def optimise(self) -> None:
        """Nothing after a rebuild: FTS5's own automerge, on again, folds the segments
        together as the site writes. A full 'optimize' (one segment) took 71 s at 100,000
        articles and did not finish in 30 minutes at 1,000,000, holding the write lock all
        the while, for a first-page p95 of 14.0 instead of 15.3 ms (docs/benchmarks.md)."""

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
    second GIN-indexed lexeme set (field_vector: headline, lede and repeated body terms,
    each marked with its FIELD_PREFIXES) for scoring.

    The newest CANDIDATES matches are found in slices of the newest documents: a slice is
    the intersection of the GIN bitmap with a rank-key range (BitmapAnd), so PostgreSQL
    reads only the matching rows of the slice. A walk down the rank-key index instead
    de-TOASTs the body vector of every row it tests (250–450 ms for a word in 5–10 % of
    100,000 documents), and the GIN index alone reads every match. A slice too thin to
    hold CANDIDATES + 1 matches is widened by what it found, and the last slice is the
    whole archive, so the candidates are exactly those SQLite takes."""

    vendor = "postgresql"

    def _tsquery(self, groups, prefix: str = "") -> str:
        return " & ".join("(" + " | ".join(prefix + t for t in group) + ")" for group in groups)

    def _field_matches(self) -> str:
        # The slice's floor as a constant lets the planner see how narrow the range is
        # (and AND the two bitmaps); the oldest candidate's key narrows it further.
        return (
            "SELECT f.rank_key FROM search_document f"
            " WHERE f.field_vector @@ to_tsquery('simple', %s)"
            " AND f.rank_key >= %s AND f.rank_key >= (SELECT oldest FROM n)"
        )

    def search(self, groups, filters: Filters, *, limit: int, offset: int) -> list[Row]:
        upper = min(filters.now, filters.published_before or filters.now)
        # SET LOCAL lasts until the outermost transaction ends, not until our savepoint
        # does: a caller's own transaction gets its setting back explicitly.
        restore = connection.in_atomic_block
        with transaction.atomic():
            previous, newest = self._prepare(upper)
            rows = [] if newest is None else self._slices(groups, filters, newest, limit, offset)
            if restore:
                self._planner_setting(previous)
        return rows

    def _slices(self, groups, filters, newest: int, limit: int, offset: int) -> list[Row]:
        lowest = _epoch_seconds(filters.published_from) if filters.published_from else None
        span = FIRST_SLICE_SECONDS
        for attempt in range(MAX_SLICES):
            floor = None if attempt == MAX_SLICES - 1 else newest - span
            if floor is not None and lowest is not None and floor <= lowest:
                floor = None  # the date filter bounds the slice already
            total, older, rows = self._ranked(groups, filters, floor, limit=limit, offset=offset)
            if total > CANDIDATES or not older:
                return rows
            span = int(span * _widening(total))
        raise AssertionError("the last slice has no floor")

    def _prepare(self, upper: datetime) -> tuple[str, int | None]:
        """The publication second of the newest document before `upper` (slices are
        measured back from it, so a quiet week does not leave the first one empty), and,
        for this transaction only, no sequential scans: the planner prices `@@` as cheap
        and would rather read and de-TOAST every body than visit the matches it estimates
        at a third of the table (650 ms at 100,000 documents). Returns the setting it
        replaced too."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'),"
                " set_config('enable_seqscan', 'off', true), MAX(rank_key)"
                " FROM search_document WHERE rank_key < %s",
                [(_epoch_seconds(upper) + 1) << RANK_KEY_ID_BITS],
            )
            previous, _, newest_key = cursor.fetchone()
        return previous, None if newest_key is None else newest_key >> RANK_KEY_ID_BITS

    def _planner_setting(self, value: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [value])

    def _ranked(self, groups, filters, floor, *, limit, offset) -> tuple[int, bool, list[Row]]:
        """(matches in the slice, up to CANDIDATES + 1; whether documents older than the
        slice exist; the requested page ranked, or no rows when the slice holds too few
        matches and older documents could add more)."""
        where, params = _filter_sql(filters)
        floor_key = -1 if floor is None else floor << RANK_KEY_ID_BITS
        where += " AND d.rank_key >= %s"
        params.append(floor_key)
        epoch = "FLOOR(EXTRACT(EPOCH FROM top.published_at))::bigint"
        # `rank_key + 0` keeps the planner off a walk down the rank-key index (the
        # expression is not indexed), leaving it the bitmaps. The first row carries the
        # slice's count; the ranked page follows only if the slice is enough. The field
        # matches for scoring come from field_vector's GIN index, from the oldest
        # candidate's key up, as SQLite reads its column filters.
        sql = f"""
            WITH c AS MATERIALIZED (
                SELECT d.article_id, d.rank_key, d.published_at
                FROM search_document d
                WHERE d.document @@ to_tsquery('simple', %s) AND {where}
                ORDER BY d.rank_key + 0 DESC
                LIMIT {CANDIDATES + 1}
            ), n AS MATERIALIZED (
                SELECT COUNT(*) AS total, MIN(rank_key) AS oldest,
                       EXISTS (SELECT 1 FROM search_document o WHERE o.rank_key < %s) AS older
                FROM c
            ), top AS (  -- c without its extra, oldest row, if it has one: no re-sort
                SELECT * FROM c
                WHERE (SELECT total FROM n) <= {CANDIDATES} OR c.rank_key > (SELECT oldest FROM n)
            )
            (SELECT NULL::bigint, NULL::float8, total, older FROM n)
            UNION ALL
            (SELECT top.article_id,
                    2.0::float8 * (top.rank_key IN ({self._field_matches()}))::int
                  + 1.0::float8 * (top.rank_key IN ({self._field_matches()}))::int
                  + 1.0::float8 * (top.rank_key IN ({self._field_matches()}))::int
                  + {_freshness_sql(epoch, cast="::float8")} AS score,
                    NULL, NULL
             FROM top
             WHERE (SELECT total > {CANDIDATES} OR NOT older FROM n)
             ORDER BY score DESC, top.published_at DESC, top.article_id DESC
             LIMIT %s OFFSET %s)
        """
        scoring = [
            *(
                value
                for field in FIELD_PREFIXES
                for value in (self._tsquery(groups, prefix=field), floor_key)
            ),
            _epoch_seconds(filters.now),
        ]
        matching = self._tsquery(groups)
        with connection.cursor() as cursor:
            cursor.execute(sql, [matching, *params, floor_key, *scoring, limit, offset])
            (_, _, total, older), *ranked = cursor.fetchall()
        rows = [Row(int(pk), float(score), int(total)) for pk, score, _, _ in ranked]
        return total, older, rows

    @contextmanager
    def bulk_writes(self):
        yield

    def optimise(self) -> None:
        """After a rebuild or a bulk load: the GIN indexes' pending lists merged (every
        query reads them entry by entry until autovacuum gets round to it) and fresh
        planner statistics. Both work inside a transaction, unlike VACUUM."""
        with connection.cursor() as cursor:
            for index in ("search_document_gin", "search_document_fields"):
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            cursor.execute("ANALYZE search_document")

    def rebuild(self) -> None:
        with connection.cursor() as cursor:
            for index in ("search_document_gin", "search_document_fields"):
                cursor.execute(f"REINDEX INDEX {index}")

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_document')")
            return int(cursor.fetchone()[0])


def _widening(found: int) -> float:
    """How much wider the next slice is, from the share of the slice that matched: enough
    for CANDIDATES + 1 matches with a margin, between ×2 and ×64."""
    wanted = 1.5 * (CANDIDATES + 1) / max(found, 1)
    return min(64.0, max(2.0, wanted))


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
