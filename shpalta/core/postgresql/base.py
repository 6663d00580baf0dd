"""Django's PostgreSQL backend with a health check that costs no round trip.

With CONN_HEALTH_CHECKS, Django asks a reused connection `SELECT 1` before each request's
first query: a round trip and a statement on the server for every page a reader misses.
Measured on random article pages at 1,000,000 articles (docs/benchmarks.md): 530 renders/s
with it, 680 without. A connection the server has closed (a restart, a failover, an idle
timeout, pg_terminate_backend) has something to read on its socket: the server's farewell
or the end of the stream. So an idle connection whose socket has nothing to read is
usable; anything else gets Django's own check, which fails and reconnects.
"""

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        connection = self.connection
        if connection is None or connection.closed:
            return False
        if connection.pgconn.transaction_status != pq.TransactionStatus.IDLE:
            return super().is_usable()
        fd = connection.fileno()
        readable, _, broken = select.select([fd], [], [fd], 0)
        if readable or broken:
            return super().is_usable()
        return True
