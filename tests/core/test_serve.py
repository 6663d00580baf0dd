import os

import pytest
from django.core.management import CommandError, call_command

from shpalta.core.management.commands.serve import default_workers, server_argv


def test_default_workers_one_per_core():
    assert default_workers() == len(os.sched_getaffinity(0))


def test_granian_argv_wsgi_with_workers_and_threads():
    argv = server_argv("granian", host="127.0.0.1", port=8000, workers=2, threads=3)
    assert argv[1:5] == ["-m", "granian", "--interface", "wsgi"]
    assert argv[argv.index("--workers") + 1] == "2"
    assert argv[argv.index("--blocking-threads") + 1] == "3"
    assert argv[-1] == "shpalta.wsgi:application"


def test_gunicorn_argv_keeps_connections_alive():
    argv = server_argv("gunicorn", host="0.0.0.0", port=9000, workers=4, threads=2)
    assert argv[1:3] == ["-m", "gunicorn"]
    assert argv[argv.index("--bind") + 1] == "0.0.0.0:9000"
    assert argv[argv.index("--worker-class") + 1] == "gthread"
    assert argv[argv.index("--workers") + 1] == "4"


def test_serve_refuses_zero_workers():
    with pytest.raises(CommandError, match="не менше 1"):
        call_command("serve", "--workers", "0")


def test_one_worker_without_shared_cache(settings, monkeypatch, capsys):
    from shpalta.core.management.commands import serve

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_ENABLED = True
    started = []
    monkeypatch.setattr(serve.os, "execv", lambda path, argv: started.append(argv))
    call_command("serve", "--port", "8149")
    assert started[0][started[0].index("--workers") + 1] == "1"
    assert "(granian, 1 процес)" in capsys.readouterr().out


def test_workers_per_core_with_redis(settings, monkeypatch):
    from shpalta.core.management.commands import serve

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    started = []
    monkeypatch.setattr(serve.os, "execv", lambda path, argv: started.append(argv))
    call_command("serve", "--port", "8149")
    assert started[0][started[0].index("--workers") + 1] == str(default_workers())
