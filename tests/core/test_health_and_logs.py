import json
import logging

import pytest

from shpalta.core.logs import JsonFormatter
from tests.factories.news import ArticleFactory
from tests.ratings.voting import cast

pytestmark = pytest.mark.django_db
DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def test_health_ok_when_database_and_cache_answer(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "cache": True}
    assert "no-cache" in response["Cache-Control"]


def test_health_503_names_the_cache_when_redis_is_down(client, settings, caplog):
    settings.CACHES = DEAD_REDIS
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "database": True, "cache": False}
    failure = [r for r in caplog.records if getattr(r, "event", "") == "health_failed"]
    assert [(r.database, r.cache) for r in failure] == [(True, False)]


def test_json_log_line_carries_message_level_and_extra_fields():
    record = logging.LogRecord("shpalta.x", logging.WARNING, __file__, 1, "vote %s", ("x",), None)
    record.event, record.reason = "vote_rejected", "honeypot"
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "vote x"
    assert (line["level"], line["logger"]) == ("WARNING", "shpalta.x")
    assert (line["event"], line["reason"]) == ("vote_rejected", "honeypot")
    assert line["time"].endswith("+00:00")


def test_json_log_keeps_ukrainian_text_readable_and_exceptions_whole():
    try:
        raise ValueError("Помилка")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "Збій", (), sys.exc_info())
    text = JsonFormatter().format(record)
    assert "Збій" in text
    assert "ValueError: Помилка" in json.loads(text)["exception"]


def test_rejected_vote_is_logged_as_a_structured_event(client, caplog):
    article = ArticleFactory()
    cast(client, article, 5, data={"website": "spam"})
    lines = [
        json.loads(JsonFormatter().format(r))
        for r in caplog.records
        if r.name == "shpalta.ratings.validation"
    ]
    assert [(line["event"], line["reason"]) for line in lines] == [("vote_rejected", "honeypot")]
