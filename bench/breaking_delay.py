"""How long a breaking-news banner takes to reach readers' pages (and to leave them).

One command: `.venv/bin/python bench/breaking_delay.py` (needs Redis and Chromium).
It serves the site with the production server (granian, `shpalta serve`) on a scratch
SQLite database and a scratch Redis key prefix, keeps browser tabs open on article pages
(opened at random moments, as readers' tabs are), sets and clears the banner the way the
admin does (breaking_set / breaking_clear), and times when each tab shows the change;
then times a freshly opened page. It also measures /breaking.json itself.

Environment: BENCH_PORT (8193), REDIS_URL (redis://127.0.0.1:6379/7), ROUNDS (6), TABS (4).
"""

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8193"))
ROUNDS = int(os.environ.get("ROUNDS", "6"))
TABS = int(os.environ.get("TABS", "4"))
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)


def configure(var_dir: str) -> None:
    os.environ.update(
        SHPALTA_VAR_DIR=var_dir,
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7"),
        CACHE_KEY_PREFIX=f"bench-breaking-{os.getpid()}",
        DJANGO_SETTINGS_MODULE="shpalta.settings",
        DJANGO_ALLOW_ASYNC_UNSAFE="true",
    )
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def seed() -> str:
    from django.core.management import call_command

    from tests.factories.news import ArticleFactory

    call_command("migrate", verbosity=0)
    return ArticleFactory(headline="Стаття для вимірювання банера").get_absolute_url()


def start_server() -> subprocess.Popen:
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/shpalta"), "serve", "--port", str(PORT), "--workers", "2"],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/breaking.json", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def wait_all(pages, script: str, started: float, limit: float = 40.0) -> list[float]:
    """Seconds from `started` until `script` is true on each page (polled every 50 ms)."""
    delays: dict[int, float] = {}
    while len(delays) < len(pages) and time.monotonic() - started < limit:
        for i, page in enumerate(pages):
            if i not in delays and page.evaluate(script):
                delays[i] = time.monotonic() - started
        time.sleep(0.05)
    if len(delays) < len(pages):
        raise SystemExit(f"only {len(delays)} of {len(pages)} tabs changed within {limit} s")
    return list(delays.values())


def measure_tabs(browser, base: str, url: str) -> dict[str, list[float]]:
    from shpalta.newsroom.breaking import breaking_clear, breaking_set

    results = {"shown_open": [], "cleared_open": [], "shown_new_page": []}
    context = browser.new_context(user_agent=PHONE)
    pages = []
    for _ in range(TABS):  # tabs opened at random moments: their poll timers are out of phase
        page = context.new_page()
        page.goto(base + url)
        pages.append(page)
        time.sleep(random.uniform(0, 15 / TABS))
    for n in range(ROUNDS):
        text = f"Терміново {n}"
        shown = f"document.querySelector('.breaking-slot').textContent.includes('{text}')"
        started = time.monotonic()
        breaking_set(text=text)
        fresh = context.new_page()  # a reader opening a page right after the editor's click
        fresh.goto(base + url)
        results["shown_new_page"] += wait_all([fresh], shown, started)
        fresh.close()
        results["shown_open"] += wait_all(pages, shown, started)
        time.sleep(random.uniform(0, 5))
        started = time.monotonic()
        breaking_clear()
        results["cleared_open"] += wait_all(
            pages, "document.querySelector('.breaking-slot').hidden", started
        )
        time.sleep(random.uniform(0, 5))
    context.close()
    return results


def endpoint_latency(base: str, n: int = 300) -> list[float]:
    timings = []
    for _ in range(n):
        started = time.perf_counter()
        urllib.request.urlopen(base + "/breaking.json", timeout=5).read()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def summary(name: str, values: list[float], unit: str = "s") -> str:
    values = sorted(values)
    p95 = values[max(0, int(len(values) * 0.95) - 1)]
    return (
        f"{name:<36} n={len(values):<4} median {statistics.median(values):6.2f} {unit}  "
        f"p95 {p95:6.2f} {unit}  max {values[-1]:6.2f} {unit}"
    )


def main() -> None:
    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("chromium is not installed")
    with tempfile.TemporaryDirectory() as var_dir:
        configure(var_dir)
        url = seed()
        server = start_server()
        base = f"http://127.0.0.1:{PORT}"
        try:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium)
                results = measure_tabs(browser, base, url)
                browser.close()
            latency = endpoint_latency(base)
        finally:
            server.terminate()
            server.wait()
            from django.core.cache import cache

            cache.clear()
    print(f"breaking-news delay, {TABS} open tabs x {ROUNDS} rounds, poll 15 s, max-age 5 s")
    print(summary("set -> shown on an open tab", results["shown_open"]))
    print(summary("clear -> gone from an open tab", results["cleared_open"]))
    print(summary("set -> shown on a newly opened page", results["shown_new_page"]))
    print(summary("GET /breaking.json (cache hit)", latency, "ms"))


if __name__ == "__main__":
    main()
