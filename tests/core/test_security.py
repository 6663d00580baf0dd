import json
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import identify_hasher
from django.contrib.auth.models import User
from django.core import signing
from django.db.models import F

from shpalta.news.previews import SALT, article_id_from_token, preview_token
from tests.factories.news import ArticleFactory, draft

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Редакторський-пароль-2026"


# Headers ------------------------------------------------------------------------------


def test_public_page_headers_are_strict(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_article_and_vote_answers_carry_the_policy(client):
    article = ArticleFactory()
    for response in (
        client.get(article.get_absolute_url()),
        client.post(f"/ratings/{article.pk}/vote/", {"stars": "9"}),
    ):
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_hsts_off_by_default_in_development(client):
    assert "Strict-Transport-Security" not in client.get("/", secure=True)


def test_hsts_sent_over_https_when_set(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/")  # never over plain HTTP


# Production settings --------------------------------------------------------------------


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "shpalta.cli", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "SHPALTA_DEV": "0",
    "CLIENT_IP_HEADER": "X-Real-IP",
    "ALLOWED_HOSTS": "news.example.org",
    "SITE_URL": "https://news.example.org",
}


def test_check_deploy_is_clean_in_production():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_reader_addresses_would_all_be_the_proxys():
    env = {k: v for k, v in PRODUCTION.items() if k != "CLIENT_IP_HEADER"}
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(50), **env
    )
    assert result.returncode != 0
    assert "shpalta.W001" in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "news.example.org"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short"}, "at least 50 random characters"),
        ({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "a"}, "at least 50 random characters"),
        ({"SECRET_KEY": secrets.token_urlsafe(50)}, "ALLOWED_HOSTS must be set"),
        (
            {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "a", "DEBUG": "1"},
            "DEBUG must be off",
        ),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, message):
    result = _manage("check", SHPALTA_DEV="0", **env)
    assert result.returncode != 0
    assert message in result.stderr


# Admin: lockout and hashing ---------------------------------------------------------------


@pytest.fixture
def editor():
    return User.objects.create_superuser("editor", "editor@example.org", PASSWORD)


def _login(client, password, ip="203.0.113.10"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": password},
        REMOTE_ADDR=ip,
    )


def test_passwords_are_hashed_with_argon2(editor):
    assert identify_hasher(editor.password).algorithm == "argon2"
    assert editor.password.startswith("argon2$argon2id$")


def test_old_pbkdf2_hash_is_upgraded_to_argon2_at_login(client, editor, settings):
    from django.contrib.auth.hashers import make_password

    editor.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    editor.save()
    assert _login(client, PASSWORD).status_code == 302
    editor.refresh_from_db()
    assert identify_hasher(editor.password).algorithm == "argon2"


def test_admin_login_locks_out_after_five_failures(client, editor):
    statuses = [_login(client, "wrong-password").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    locked = _login(client, PASSWORD)  # even the right password, while locked
    assert locked.status_code == 429
    assert "Вхід тимчасово заблоковано" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_user_and_address_so_colleagues_can_log_in(client, editor):
    for _ in range(5):
        _login(client, "wrong-password", ip="203.0.113.10")
    assert _login(client, PASSWORD, ip="203.0.113.77").status_code == 302


def test_lockout_expires_after_the_cooloff(client, editor):
    for _ in range(5):
        _login(client, "wrong-password")
    assert _login(client, PASSWORD).status_code == 429
    # A quarter of an hour passes (the failures are that old now).
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    assert _login(client, PASSWORD).status_code == 302


def test_successful_login_resets_the_failure_count(client, editor):
    for _ in range(4):
        _login(client, "wrong-password")
    assert _login(client, PASSWORD).status_code == 302
    client.logout()
    assert [_login(client, "wrong-password").status_code for _ in range(4)] == [200] * 4


# Preview addresses -------------------------------------------------------------------------


def test_preview_by_token_shows_a_draft_to_staff(client, editor):
    article = draft(headline="Ексклюзив до публікації")
    client.force_login(editor)
    response = client.get(f"/preview/{preview_token(article.pk)}/")
    assert response.status_code == 200
    assert "Ексклюзив до публікації" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_preview_by_article_number_does_not_exist(client, editor):
    article = draft()
    client.force_login(editor)
    assert client.get(f"/preview/{article.pk}/").status_code == 404


def test_preview_token_cannot_be_forged_for_another_article(client, editor):
    first, second = draft(), draft()
    client.force_login(editor)
    token = preview_token(first.pk)
    forged = signing.dumps(second.pk, salt="another-salt", compress=False)
    swapped = f"{signing.dumps(second.pk, salt=SALT).split(':')[0]}:{token.split(':', 1)[1]}"
    assert client.get(f"/preview/{forged}/").status_code == 404
    assert client.get(f"/preview/{swapped}/").status_code == 404


def test_preview_token_expires(client, editor):
    article = draft()
    client.force_login(editor)
    token = preview_token(article.pk)
    with mock.patch("time.time", return_value=__import__("time").time() + 8 * 24 * 3600):
        assert client.get(f"/preview/{token}/").status_code == 404


def test_preview_needs_staff_login(client):
    article = draft()
    response = client.get(f"/preview/{preview_token(article.pk)}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    reader = User.objects.create_user("reader", password=PASSWORD)
    client.force_login(reader)
    assert client.get(f"/preview/{preview_token(article.pk)}/").status_code == 302


def test_admin_list_links_to_the_token_preview(client, editor):
    article = draft()
    client.force_login(editor)
    html = client.get("/admin/news/article/").content.decode()
    tokens = re.findall(r'href="/preview/([^"/]+)/"', html)
    assert [article_id_from_token(token) for token in tokens] == [article.pk]
    assert client.get(f"/preview/{tokens[0]}/").status_code == 200


def test_production_logs_are_json_lines():
    result = _manage(
        "shell", "-c", "import logging; logging.getLogger('shpalta.test').warning('Привіт')",
        SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert (line["logger"], line["message"]) == ("shpalta.test", "Привіт")
