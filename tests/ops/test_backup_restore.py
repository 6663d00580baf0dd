"""deploy/backup.sh and deploy/restore.sh, run as an operator would, on a real database."""

import subprocess

import pytest

from bench.servers import ROOT, Database, app_env, prepare, shpalta

from .conftest import needs_postgres, postgres_url

pytestmark = [pytest.mark.slow, needs_postgres]

SNAPSHOT = [
    "SELECT slug, headline, status FROM news_article ORDER BY slug",
    "SELECT article_id, reader, stars FROM ratings_vote ORDER BY article_id, reader",
    "SELECT article_id, votes_count, stars_total FROM ratings_articlerating ORDER BY 1",
    "SELECT app, name FROM django_migrations ORDER BY app, name",
]


def _run(script: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(ROOT / "deploy" / script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def databases():
    made = []

    def make(suffix: str) -> Database:
        database = Database.postgresql(postgres_url(), suffix)
        made.append(database)
        return database

    yield make
    for database in made:
        database.drop()


def test_backup_then_restore_gives_back_every_article_and_vote(databases, tmp_path):
    live = databases("backup_live")
    prepare(live, published=5, drafts=2, votes=40)
    before = [live.query(sql) for sql in SNAPSHOT]
    assert len(before[1]) == 40

    backup = _run("backup.sh", env=app_env(live, BACKUP_DIR=str(tmp_path)))
    assert backup.returncode == 0, backup.stderr
    dump = backup.stdout.strip()
    assert dump.startswith(str(tmp_path / "shpalta-")) and dump.endswith(".dump")

    restored = databases("backup_restored")
    result = _run("restore.sh", dump, restored.url)
    assert result.returncode == 0, result.stderr
    assert [restored.query(sql) for sql in SNAPSHOT] == before
    # The restored database is one the application accepts as fully migrated.
    shpalta(restored, "migrate", "--check")


def test_restore_refuses_a_database_that_has_tables(databases, tmp_path):
    live = databases("backup_live")
    prepare(live, published=1)
    dump = _run("backup.sh", env=app_env(live, BACKUP_DIR=str(tmp_path))).stdout.strip()
    result = _run("restore.sh", dump, live.url)
    assert result.returncode == 2
    assert "refusing" in result.stderr


def test_backup_keeps_nothing_when_the_database_is_unreachable(tmp_path):
    env = app_env(Database(url="postgres://postgres@127.0.0.1:1/none"), BACKUP_DIR=str(tmp_path))
    result = _run("backup.sh", env=env)
    assert result.returncode != 0
    assert list(tmp_path.iterdir()) == []
