"""Real app server processes for benchmarks and end-to-end tests: a fresh database (SQLite
file or PostgreSQL), migrated by the `shpalta` command, and `shpalta serve` (granian) on a
port, killed by process group when done (or with SIGKILL, mid-burst, on purpose)."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Database:
    """A database of its own for server processes (pytest's test database lives inside a
    transaction or in memory, where another process cannot see it)."""

    url: str
    sqlite_path: Path | None = None

    @property
    def engine(self) -> str:
        return "sqlite" if self.sqlite_path else "postgresql"

    @classmethod
    def sqlite(cls, folder: Path) -> "Database":
        path = Path(folder) / "server.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return cls(url=f"sqlite:///{path}", sqlite_path=path)

    @classmethod
    def postgresql(cls, base_url: str, suffix: str) -> "Database":
        parts = urlsplit(base_url)
        name = f"{parts.path.lstrip('/')}_{suffix}"
        with _admin_connection(base_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return cls(url=urlunsplit(parts._replace(path=f"/{name}")))

    def drop(self) -> None:
        if self.sqlite_path:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.sqlite_path}{suffix}").unlink(missing_ok=True)
            return
        name = urlsplit(self.url).path.lstrip("/")
        with _admin_connection(self.url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def query(self, sql: str) -> list[tuple]:
        if self.sqlite_path:
            import sqlite3

            with sqlite3.connect(self.sqlite_path, timeout=30) as conn:
                return conn.execute(sql).fetchall()
        with psycopg.connect(_libpq_url(self.url)) as conn:
            return conn.execute(sql).fetchall()


def _libpq_url(url: str) -> str:
    return url.replace("postgis://", "postgres://", 1)


def _admin_connection(url: str):
    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(_libpq_url(admin), autocommit=True)


def app_env(database: Database, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DATABASE_URL=database.url, SHPALTA_DEV="1", LOG_LEVEL="WARNING")
    env.update(extra)
    return env


def shpalta(database: Database, *args: str, env: dict | None = None) -> str:
    result = subprocess.run(
        [PYTHON, "-m", "shpalta.cli", *args],
        cwd=ROOT,
        env=env or app_env(database),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"shpalta {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


SEED_SCRIPT = """
import json, sys
import django
django.setup()
from django.utils import timezone
from shpalta.news import services
from shpalta.news.models import Article, Section
section, _ = Section.objects.get_or_create(slug="novyny", defaults={"name": "Новини"})
spec = json.loads(sys.argv[1])
ids = []
for n in range(spec["published"]):
    article = Article(headline=f"Новина для навантаження № {n}", lede="Лід.", body="<p>Текст.</p>",
                      section=section, status="published", published_at=timezone.now())
    ids.append(services.article_save(article=article).pk)
drafts = []
for n in range(spec.get("drafts", 0)):
    article = Article(headline=spec.get("draft_headline", "Чернетка") + f" {n}", lede="Лід.",
                      section=section, status="draft")
    drafts.append(services.article_save(article=article))
drafts = [{"id": a.pk, "slug": a.slug, "headline": a.headline} for a in drafts]
if spec.get("votes"):
    from shpalta.ratings.services import vote_cast
    for n in range(spec["votes"]):
        vote_cast(article_id=ids[n % len(ids)], reader=f"{n:032x}", stars=n % 5 + 1)
if spec.get("editor"):
    from django.contrib.auth.models import User
    User.objects.create_superuser(spec["editor"], "editor@example.org", spec["password"])
print(json.dumps({"published": ids, "drafts": drafts}))
"""


def prepare(database: Database, *, published: int, **spec) -> dict:
    """Migrate, then create articles (and optionally drafts and an editor). Returns their ids."""
    shpalta(database, "migrate", "--noinput")
    result = subprocess.run(
        [PYTHON, "-c", SEED_SCRIPT, json.dumps({"published": published, **spec})],
        cwd=ROOT,
        env=app_env(database, DJANGO_SETTINGS_MODULE="shpalta.settings"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"seeding failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


@dataclass
class Server:
    database: Database
    port: int
    workers: int = 2
    threads: int = 4
    env: dict = field(default_factory=dict)
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> "Server":
        env = app_env(self.database, GRANIAN_BLOCKING_THREADS=str(self.threads), **self.env)
        self.log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"shpalta-server-{self.port}.log"
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [PYTHON, "-m", "shpalta.cli", "serve", "--port", str(self.port),
             "--workers", str(self.workers)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self._wait_healthy(timeout)
        return self

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/health/", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not answer /health/ in {timeout}s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:] if self.log_path else ""

    def kill(self) -> None:
        """kill -9 the server and its workers: no graceful shutdown, nothing flushed."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
