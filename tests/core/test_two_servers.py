"""Two app servers on one Redis: an editor's change made through one process is served by
both within a second, though each keeps its own local copy of the page."""

import os
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHPALTA = Path(sys.executable).parent / "shpalta"
PORTS = (8146, 8147)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL) shared by two servers"
    ),
]

CREATE = """
from shpalta.news import services
from shpalta.news.models import Article, Section
section = Section.objects.create(name="Новини", slug="novyny")
article = services.article_save(article=Article(
    headline="Перша назва", lede="Лід.", body="<p>Текст.</p>", section=section, status="published"))
print(article.get_absolute_url())
"""
EDIT = """
import time
from shpalta.news import services
from shpalta.news.models import Article
article = Article.objects.get()
article.headline = "Друга назва"
services.article_save(article=article)
print(time.time())
"""


def shell(env: dict, code: str) -> str:
    result = subprocess.run(
        [str(SHPALTA), "shell", "--no-imports", "-c", code],
        env=env, cwd=REPO, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return result.stdout.strip().splitlines()[-1]


def fetch(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.headers.get("X-Cache", ""), response.read().decode()


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not start")


@pytest.fixture
def two_servers(tmp_path):
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'two.sqlite3'}",
        "CACHE_KEY_PREFIX": f"two-servers-{uuid.uuid4().hex[:8]}",
        "SHPALTA_VAR_DIR": str(tmp_path),
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run([str(SHPALTA), "migrate", "-v0"], env=env, cwd=REPO, check=True, timeout=120)
    path = shell(env, CREATE)
    servers = [
        subprocess.Popen(
            [str(SHPALTA), "serve", "--port", str(port), "--workers", "1"],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in PORTS
    ]
    try:
        urls = [f"http://127.0.0.1:{port}{path}" for port in PORTS]
        for url in urls:
            wait_until_up(url)
        yield env, urls
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=15)


def test_edit_visible_on_both_servers_within_one_second(two_servers):
    env, urls = two_servers
    for url in urls:
        fetch(url)
        state, body = fetch(url)
        assert (state, "Перша назва" in body) == ("HIT", True)
    seen_at: dict[str, float] = {}

    def watch(url: str) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if "Друга назва" in fetch(url)[1]:
                seen_at[url] = time.time()
                return
            time.sleep(0.02)

    watchers = [threading.Thread(target=watch, args=(url,)) for url in urls]
    for watcher in watchers:
        watcher.start()
    committed_at = float(shell(env, EDIT))
    for watcher in watchers:
        watcher.join()
    assert set(seen_at) == set(urls)
    delays = [seen_at[url] - committed_at for url in urls]
    assert max(delays) <= 1.0, delays
