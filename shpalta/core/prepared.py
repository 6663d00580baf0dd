"""Hot reads written with the ORM and compiled to SQL once per process and database.

Profiling an article page that missed the page cache (docs/benchmarks.md, "Cache misses"):
SQLite ran its queries in 2 % of the selectors' time; Django built and compiled them in
most of the rest. A `Prepared` query is an ordinary `.values_list()` queryset, compiled
once with stand-in arguments; later calls put the real arguments in the stand-ins' places
and run the same SQL, with Django's own value converters (dates on SQLite, ...). The
queries stay readable ORM code, and a change to a model changes them as usual.

Arguments are declared with their kind: `int`, `str`, `datetime` (a time-zone-aware
moment) or `IdList(n)` (exactly n ids; callers pad with `IdList.NONE`, an id no row has).
"""

import functools
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import connections, router
from django.db.models import DEFERRED, QuerySet


@dataclass(frozen=True)
class IdList:
    length: int
    NONE = 0  # no row has id 0: pads a list that has fewer ids than slots


_counter = itertools.count(1)


def _stand_in(kind):
    """A value no real argument has, recognisable among the compiled parameters."""
    number = next(_counter)
    if kind is int:
        return -(10**15) - number
    if kind is str:
        return f"\x00prepared-{number}\x00"
    if kind is datetime:
        return datetime(1901, 1, 1, 0, 0, number % 60, number, tzinfo=UTC)
    if isinstance(kind, IdList):
        return [-(10**15) - next(_counter) for _ in range(kind.length)]
    raise TypeError(f"unknown argument kind {kind!r}")


@dataclass
class _Compiled:
    sql: str
    # For each parameter: ("arg", name, index within a list or None) or ("const", value).
    slots: list[tuple]
    converters: list[tuple[int, list, object]]
    kinds: dict


class Prepared:
    """`Prepared(lambda slug, now: Article.objects.filter(...).values_list(...), slug=str,
    now=datetime)`; then `query.rows(slug="...", now=timezone.now())` → list of tuples.
    Arguments the query was not declared with are ignored."""

    def __init__(self, build: Callable[..., QuerySet], **kinds):
        self.build = build
        self.kinds = kinds
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()
        self._model = None

    @property
    def model(self):
        if self._model is None:
            self._model = self.build(**{n: _stand_in(k) for n, k in self.kinds.items()}).model
        return self._model

    def database(self) -> str:
        """Where reads of this model go (a replica, when the router sends them there)."""
        return router.db_for_read(self.model) or "default"

    def rows(self, *, using: str | None = None, **arguments) -> list[tuple]:
        using = using or self.database()
        compiled = self._compiled.get(using) or self._compile(using)
        connection = connections[using]
        params = [self._param(slot, arguments, connection) for slot in compiled.slots]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if not compiled.converters:
            return rows
        return [self._convert(row, compiled.converters, connection) for row in rows]

    @staticmethod
    def _param(slot, arguments, connection):
        if slot[0] == "const":
            return slot[1]
        _tag, name, index, kind = slot
        value = arguments[name] if index is None else arguments[name][index]
        if kind is datetime:
            return connection.ops.adapt_datetimefield_value(value)
        return value

    @staticmethod
    def _convert(row, converters, connection) -> tuple:
        row = list(row)
        for position, functions, expression in converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        return tuple(row)

    def _compile(self, using: str) -> _Compiled:
        with self._lock:
            if using in self._compiled:
                return self._compiled[using]
            connection = connections[using]
            stand_ins = {name: _stand_in(kind) for name, kind in self.kinds.items()}
            compiler = self.build(**stand_ins).query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            places = self._places(stand_ins, connection)
            slots = [places.get(_hashable(param), ("const", param)) for param in params]
            missing = set(self.kinds) - {slot[1] for slot in slots if slot[0] == "arg"}
            if missing:
                raise ValueError(f"arguments not found in the compiled query: {missing}")
            fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
            converters = [
                (position, [_faster(f, connection) for f in functions], expression)
                for position, (functions, expression) in compiler.get_converters(fields).items()
            ]
            compiled = _Compiled(sql, slots, converters, self.kinds)
            self._compiled[using] = compiled
            return compiled

    def _places(self, stand_ins: dict, connection) -> dict:
        places = {}
        for name, value in stand_ins.items():
            kind = self.kinds[name]
            if isinstance(kind, IdList):
                for index, item in enumerate(value):
                    places[item] = ("arg", name, index, int)
            elif kind is datetime:
                adapted = connection.ops.adapt_datetimefield_value(value)
                places[_hashable(adapted)] = ("arg", name, None, datetime)
            else:
                places[value] = ("arg", name, None, kind)
        return places


def _faster(converter, connection):
    """SQLite's datetimes are read in UTC (as naive datetimes, or text from expressions);
    Django's converter makes them aware through `timezone.make_aware`: 40 µs of an article
    page's miss (seven of them). Here the same result costs a `replace`."""
    if (
        connection.vendor == "sqlite"
        and getattr(converter, "__name__", None) == "convert_datetimefield_value"
        and settings.USE_TZ
        and connection.timezone == UTC
    ):
        return _sqlite_datetime
    return converter


def _sqlite_datetime(value, expression, connection):
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


@functools.cache
def _layout(model, names: tuple[str, ...]) -> tuple[int | None, ...]:
    position = {name: index for index, name in enumerate(names)}
    return tuple(position.get(field.attname) for field in model._meta.concrete_fields)


def hydrate(model, names, values, using: str = "default"):
    """A model instance from some of its columns (attnames), the others deferred, as
    `.only()` would load it."""
    values = tuple(values)
    row = [DEFERRED if index is None else values[index] for index in _layout(model, tuple(names))]
    return model.from_db(using, None, row)
