import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from shpalta.core.pagecache import PageCache


class Answer:
    def __init__(self, status: str, headers: list, body: bytes):
        self.status_code = int(status.split()[0])
        self.headers = dict(headers)
        self.body = body

    @property
    def cache(self) -> str | None:
        """HIT, MISS or STALE from the page cache; None when the request went around it."""
        return self.headers.get("X-Cache")

    @property
    def text(self) -> str:
        return self.body.decode()


class Site:
    """Requests through the real WSGI stack: the page cache in front of Django."""

    def __init__(self, app):
        self.app = app

    def request(self, method: str, path: str, **headers) -> Answer:
        environ = RequestFactory().generic(method, path, headers=headers).environ
        captured = {}

        def start_response(status, response_headers, exc_info=None):
            captured["status"], captured["headers"] = status, response_headers

        result = self.app(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        return Answer(captured["status"], captured["headers"], body)

    def get(self, path: str, **headers) -> Answer:
        return self.request("GET", path, **headers)

    def head(self, path: str, **headers) -> Answer:
        return self.request("HEAD", path, **headers)


@pytest.fixture
def wsgi_signals_quiet():
    """Django's handler closes the connection around each request; inside a test's
    transaction that would end the test, so (like Django's test client) it is held back."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def site(db, wsgi_signals_quiet):
    return Site(PageCache(WSGIHandler()))
