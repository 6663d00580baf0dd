"""What a reader does, in chromium: front page, article, stars, phone and desktop."""

import re

import pytest
from playwright.sync_api import expect

from shpalta.ratings.models import ArticleRating, Vote
from tests.factories.news import ArticleFactory, AuthorFactory, SectionFactory

from .conftest import AXE_JS, DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def newsroom():
    section = SectionFactory(name="Суспільство", slug="suspilstvo")
    author = AuthorFactory(name="Олена Коваленко", slug="olena-kovalenko")
    older = ArticleFactory.create_batch(5, section=section)
    top = ArticleFactory(
        headline="У Києві відкрили відновлений міст через Дніпро",
        lede="Рух мостом відновили після двох років ремонту.",
        section=section,
        authors=[author],
        is_top_story=True,
    )
    return top, older


def _summary(page):
    return page.locator("[data-rating-summary]")


def test_reader_votes_four_stars_and_sees_numbers_change_without_reload(
    live_server, new_page, newsroom, artifacts
):
    top, _older = newsroom
    page = new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=top.headline).first.click()
    page.wait_for_url(re.compile(re.escape(top.get_absolute_url()) + "$"))
    assert page.locator("h1").inner_text().startswith(top.headline)
    expect(_summary(page)).to_have_text("Оцінок ще немає. Будьте першими!")
    page.evaluate("window.__sameDocument = true")

    page.locator("label[for=star-4]").click()
    page.get_by_role("button", name="Оцінити").click()
    expect(_summary(page)).to_have_text("Середня оцінка: 4,0 з 5 · 1 голос · Ваша оцінка: 4 з 5")
    assert page.evaluate("window.__sameDocument") is True  # no reload happened
    page.locator("#rating").screenshot(path=str(artifacts / "desktop-voted-4.png"))

    page.locator("label[for=star-2]").click()
    page.get_by_role("button", name="Оцінити").click()
    expect(_summary(page)).to_have_text("Середня оцінка: 2,0 з 5 · 1 голос · Ваша оцінка: 2 з 5")
    assert page.evaluate("window.__sameDocument") is True
    assert list(Vote.objects.values_list("article_id", "stars")) == [(top.pk, 2)]
    rating = ArticleRating.objects.get(article=top)
    assert (rating.votes_count, rating.stars_total) == (1, 2)
    assert page.errors == []


def test_rating_works_by_keyboard_alone(live_server, new_page, newsroom):
    top, _older = newsroom
    page = new_page()
    page.goto(live_server.url + top.get_absolute_url())
    for _ in range(60):  # Tab through the page until the stars have focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "stars":
            break
    else:
        pytest.fail("the stars are not reachable with Tab")
    assert page.evaluate("document.activeElement.value") == "1"
    page.keyboard.press("Space")
    for _ in range(3):  # right, as the stars are drawn: 1 → 4
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.querySelector('input[name=stars]:checked').value") == "4"
    lefts = [page.locator(f"label[for=star-{n}]").bounding_box()["x"] for n in range(1, 6)]
    assert lefts == sorted(lefts)  # drawn left to right in the order the keys move
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Оцінити"
    page.keyboard.press("Enter")
    expect(_summary(page)).to_contain_text("Середня оцінка: 4,0 з 5 · 1 голос")
    assert Vote.objects.get().stars == 4


@pytest.mark.parametrize(("device", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_pages_fit_the_screen_and_are_captured(
    live_server, new_page, newsroom, artifacts, device, viewport
):
    top, _older = newsroom
    page = new_page(viewport=viewport, is_mobile=device == "phone", has_touch=device == "phone")
    for name, path in [
        ("front", "/"),
        ("article", top.get_absolute_url()),
        ("section", top.section.get_absolute_url()),
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{device} {name}: scrolls sideways by {overflow}px"
        shot = artifacts / f"{device}-{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
    assert page.errors == []


@pytest.mark.skipif(AXE_JS is None, reason="axe-core is not fetched: run `make browser-deps`")
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_pages_have_no_serious_accessibility_violations(live_server, new_page, newsroom, viewport):
    top, _older = newsroom
    # axe is injected as a script of its own; only the test's page may bypass our CSP.
    page = new_page(viewport=viewport, bypass_csp=True)
    for path in ["/", top.get_absolute_url(), top.section.get_absolute_url()]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate(
            """async () => {
                const r = await axe.run(document);
                return {
                    passes: r.passes.length,
                    violations: r.violations
                        .filter(v => ['serious', 'critical'].includes(v.impact))
                        .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target).join(' | ')})`),
                };
            }"""
        )
        assert result["passes"] > 10, path  # axe really ran its rules on this page
        violations = result["violations"]
        assert violations == [], path


def _search_exists() -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve("/search/")
    except Resolver404:
        return False
    return True


@pytest.mark.skipif(not _search_exists(), reason="no search page on this branch yet")
def test_reader_searches_an_inflected_name_and_opens_the_result(live_server, new_page):
    wanted = ArticleFactory(headline="Нобелівську премію миру вручили Олександрі Матвійчук")
    ArticleFactory.create_batch(3)
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox").fill("Олександра")  # the headline has «Олександрі»
    page.get_by_role("searchbox").press("Enter")
    page.get_by_role("link", name=wanted.headline).first.click()
    page.wait_for_url(re.compile(re.escape(wanted.get_absolute_url()) + "$"))
    expect(page.locator("h1")).to_contain_text("Олександрі Матвійчук")
