"""Two app server processes on one PostgreSQL and one Redis, as behind nginx: whatever
happens through one is what the other serves."""

import http.cookiejar
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from bench.servers import Server, prepare
from bench.vote_load import ReaderPlan, run_coroutine, vote

from .conftest import needs_postgres, needs_redis

pytestmark = [pytest.mark.slow, needs_postgres, needs_redis]
PASSWORD = "Редакторський-пароль-2026"


class Browser:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str) -> tuple[int, str]:
        try:
            with self.opener.open(url, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post_form(self, url: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()

    def csrf_token(self, html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _admin_login(browser: Browser, base: str) -> None:
    _status, html = browser.get(f"{base}/admin/login/")
    data = {"username": "editor", "password": PASSWORD, "next": "/admin/"}
    _status, html = browser.post_form(
        f"{base}/admin/login/", data | {"csrfmiddlewaretoken": browser.csrf_token(html)}
    )
    assert "Вийти" in html or "logout" in html, html[:500]


@pytest.fixture
def two_servers(server_database, free_ports):
    if server_database.engine != "postgresql":
        pytest.skip("many app servers share PostgreSQL; SQLite serves one machine")
    seeded = prepare(
        server_database,
        published=3,
        drafts=1,
        draft_headline="Ексклюзив: міст відкриють у грудні",
        editor="editor",
        password=PASSWORD,
    )
    env = {
        "REDIS_URL": os.environ["REDIS_URL"],
        "CACHE_KEY_PREFIX": f"multi{os.getpid()}",
        "CLIENT_IP_HEADER": "X-Forwarded-For",
        "VOTE_RATE_READER": "3/600",
    }
    port_a, port_b = free_ports(2)
    a = Server(server_database, port=port_a, workers=1, env=env).start()
    try:
        b = Server(server_database, port=port_b, workers=1, env=env).start()
    except Exception:
        a.stop()
        raise
    yield a, b, seeded
    a.stop()
    b.stop()


def test_vote_through_one_server_is_in_the_others_numbers(two_servers):
    a, b, seeded = two_servers
    article = seeded["published"][0]
    summary_url = f"{b.base_url}/ratings/{article}/"
    assert json.loads(Browser().get(summary_url)[1])["votes"] == 0

    plan = ReaderPlan(ip="10.0.0.1", votes=[])
    attempt = run_coroutine(vote(a.port, plan, article, 4))
    assert (attempt.status, attempt.created) == (200, True)

    # The numbers are public for 5 seconds (Cache-Control), in every server's shared cache.
    assert _numbers_become(summary_url, (1, "4,0"))
    second = run_coroutine(vote(b.port, plan, article, 2))  # the same reader, through B
    assert (second.status, second.created) == (200, False)
    assert _numbers_become(f"{a.base_url}/ratings/{article}/", (1, "2,0"))


def _numbers_become(url: str, expected: tuple, within: float = 8.0) -> bool:
    deadline = time.monotonic() + within
    while True:
        numbers = json.loads(Browser().get(url)[1])
        if (numbers["votes"], numbers["average_display"]) == expected:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)


def test_publish_through_one_server_is_fresh_on_the_other(two_servers):
    a, b, seeded = two_servers
    draft = seeded["drafts"][0]
    reader = Browser()
    # B has served (and may have cached) the front page and the not-yet-public address.
    assert draft["headline"] not in reader.get(f"{b.base_url}/")[1]
    assert reader.get(f"{b.base_url}/news/{draft['slug']}/")[0] == 404

    editor = Browser()
    _admin_login(editor, a.base_url)
    changelist = f"{a.base_url}/admin/news/article/"
    _status, html = editor.get(changelist)
    status, _html = editor.post_form(
        changelist,
        {
            "csrfmiddlewaretoken": editor.csrf_token(html),
            "action": "publish_now",
            "_selected_action": [draft["id"]],
            "index": "0",
        },
    )
    assert status == 200

    status, html = reader.get(f"{b.base_url}/news/{draft['slug']}/")
    assert status == 200
    assert draft["headline"] in html
    # B may answer from its process-local copy until it re-checks the shared generations,
    # at most PAGE_CACHE_LOCAL_CHECK_SECONDS (0.5 s) after the purge (docs/caching.md).
    assert _page_shows(reader, f"{b.base_url}/", draft["headline"], within=1.5)


def _page_shows(reader: Browser, url: str, text: str, within: float) -> bool:
    deadline = time.monotonic() + within
    while text not in reader.get(url)[1]:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_rate_limit_and_address_salt_are_shared_by_both_servers(two_servers, server_database):
    a, b, seeded = two_servers
    first, second, third = seeded["published"]
    plan = ReaderPlan(ip="10.0.0.9", votes=[])
    answers = [
        run_coroutine(vote(server.port, plan, article, 5)).status
        for server, article in [(a, first), (b, second), (a, third), (b, first)]
    ]
    assert answers == [200, 200, 200, 429]  # VOTE_RATE_READER=3/600 counted across servers
    hashes = server_database.query("SELECT DISTINCT ip_hash FROM ratings_vote")
    assert len(hashes) == 1 and len(hashes[0][0]) == 32  # one address, one salt
