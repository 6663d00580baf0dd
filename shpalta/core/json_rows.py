"""Rows of a related table as one column of the main query: a page that needs a short list
(an article's named entities) gets it with its own row instead of a round trip of its own."""

from django.db import NotSupportedError
from django.db.models import Aggregate, TextField


class JSONRows(Aggregate):
    """The group's rows as JSON text, a list of lists of the given columns, in no particular
    order (sort after `json.loads`). SQLite and PostgreSQL, the two stores we run on."""

    function = "JSON_ROWS"
    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        vendor = connection.vendor
        raise NotSupportedError(f"JSONRows is written for SQLite and PostgreSQL, not {vendor}")

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "json_group_array(json_array(%(expressions)s))"
        return super().as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        # ::text: the driver would otherwise decode json itself, and the stores must agree.
        template = "json_agg(json_build_array(%(expressions)s))::text"
        return super().as_sql(compiler, connection, template=template, **extra_context)
