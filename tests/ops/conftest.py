"""End-to-end tests against real server processes on a database of their own."""

import os
import socket

import pytest

from bench.servers import Database

# This project's test servers take ports from here (SHPALTA_TEST_PORTS="8171-8179").
_first, _last = (int(p) for p in os.environ.get("SHPALTA_TEST_PORTS", "8171-8179").split("-"))


def _port_is_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture
def free_ports():
    def take(n: int) -> list[int]:
        ports = [p for p in range(_first, _last + 1) if _port_is_free(p)][:n]
        if len(ports) < n:
            pytest.skip(f"no {n} free ports in {_first}-{_last}")
        return ports

    return take


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://", "postgis://")) else None


needs_postgres = pytest.mark.skipif(
    postgres_url() is None, reason="needs PostgreSQL (DATABASE_URL=postgres://...)"
)
needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL=redis://...)"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def server_database(request, tmp_path):
    """A scratch database for server processes: SQLite always, PostgreSQL when configured."""
    if request.param == "sqlite":
        if postgres_url() is not None:
            # The suite's SQLite run starts these same servers; on the PostgreSQL run they
            # would only repeat it (CI runs both, and these tests are the slowest).
            pytest.skip("server processes on SQLite run in the suite's SQLite run")
        database = Database.sqlite(tmp_path)
    else:
        if postgres_url() is None:
            pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
        database = Database.postgresql(postgres_url(), f"srv{os.getpid()}")
    yield database
    database.drop()
