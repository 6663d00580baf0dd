"""The banner and the read beacon in a real Chromium, against pages served as they are
cached: the HTML does not change, the page fetches what is live."""

import shutil
import time

import pytest
from django.db import connections

from shpalta.newsroom.breaking import breaking_clear, breaking_set
from shpalta.newsroom.models import ArticleViewHour
from tests.factories.news import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)


def wait_until(page, expression: str, seconds: float = 5.0) -> None:
    """page.wait_for_function would eval() its string, which our CSP forbids; evaluate()
    goes through the DevTools protocol instead."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {seconds} s: {expression}"
        time.sleep(0.05)


@pytest.fixture
def page(monkeypatch):
    if not shutil.which("chromium"):
        pytest.skip("chromium is not installed (apt-get install chromium)")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright runs an event loop
    # The live server answers in short-lived threads: their connections must close with the
    # request, or PostgreSQL cannot drop the test database at the end.
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(user_agent=PHONE)  # headless Chromium says it is a bot
        yield context.new_page()
        browser.close()
        # Inside Playwright's event loop the ORM keeps its connection per context, not per
        # thread: close it here, or PostgreSQL cannot drop the test database at the end.
        connections.close_all()


def test_banner_appears_and_goes_on_an_open_page_without_reloading(live_server, page):
    article = ArticleFactory()
    page.clock.install()
    page.goto(live_server.url + article.get_absolute_url())
    banner = page.locator(".breaking-slot")
    assert banner.is_hidden()

    breaking_set(text="Вибухи в Харкові", url=article.get_absolute_url())
    page.clock.run_for(16_000)  # the page's 15-second poll (page clock)
    banner.get_by_text("Вибухи в Харкові").wait_for(timeout=5000)
    assert banner.locator("a").get_attribute("href") == article.get_absolute_url()

    breaking_clear()
    page.clock.run_for(16_000)
    wait_until(page, "document.querySelector('.breaking-slot').hidden")


def test_banner_is_on_the_first_paint_of_a_newly_opened_page(live_server, page):
    breaking_set(text="Термінове повідомлення")
    page.goto(live_server.url + "/")
    page.locator(".breaking-slot").get_by_text("Термінове повідомлення").wait_for(timeout=5000)


def test_a_read_is_counted_once_per_tab(live_server, page):
    article = ArticleFactory()
    page.goto(live_server.url + article.get_absolute_url())
    wait_until(page, f"sessionStorage.getItem('shpalta-read-{article.pk}')")
    page.reload()
    page.wait_for_timeout(500)
    assert sum(ArticleViewHour.objects.values_list("views", flat=True)) == 1
    assert page.context.cookies() == []
