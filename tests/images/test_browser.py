"""A real phone-sized Chromium: does it fetch the small rendition, never the original?"""

import io
import os

import pytest
from PIL import Image as PILImage

from tests.browser.conftest import CHROMIUM
from tests.browser.conftest import CHROMIUM_ARGS as LAUNCH_ARGS
from tests.factories.images import ImageFactory
from tests.factories.news import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def photo_article():
    # Made before Playwright starts its event loop, which Django's ORM refuses to run under.
    return ArticleFactory(lead_image=ImageFactory(pixels=(4000, 2667), alt_text="Люди на площі"))


def test_phone_viewport_loads_small_rendition_not_original(photo_article, live_server, chromium):
    article, image = photo_article, photo_article.lead_image
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    fetched: dict[str, bytes] = {}
    page.on("response", lambda r: fetched.__setitem__(r.url, r.body() if r.ok else b""))
    page.goto(live_server.url + article.get_absolute_url(), wait_until="load")
    lead = page.locator(".lead-image img")
    current_src = lead.evaluate("img => img.currentSrc")
    context.close()

    # 358 CSS px of column × 2 device pixels = 716 → the 960 candidate, as WebP.
    assert current_src == f"{live_server.url}/foto/{image.key}/w-960.webp"
    photo_urls = [url for url in fetched if "/foto/" in url or "/media/" in url]
    assert photo_urls == [current_src]  # one photo fetched: not the master, not a second size
    served = PILImage.open(io.BytesIO(fetched[current_src]))
    assert (served.format, served.size) == ("WEBP", (960, 640))
    assert len(fetched[current_src]) < image.original_bytes / 5


@pytest.fixture
def editor_session(client):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("fotoredaktor", "f@example.org", "x")
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest.fixture
def library_photo():
    return ImageFactory(pixels=(1600, 1000))


def test_editor_sets_focal_point_by_clicking_photo_in_admin(
    library_photo, editor_session, live_server, chromium
):
    context = chromium.new_context(viewport={"width": 1280, "height": 1000})
    context.add_cookies([{"name": "sessionid", "value": editor_session, "url": live_server.url}])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.location["url"]) if m.type == "error" else None)
    page.goto(f"{live_server.url}/admin/images/image/{library_photo.pk}/change/")
    preview = page.locator(".focal-picker img")
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.25})
    marker_left = page.locator(".focal-marker").evaluate("m => m.style.left")
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state("load")
    # Read back what was saved from the reloaded form (the ORM may not run under Playwright).
    saved = (int(page.input_value("#id_focal_x")), int(page.input_value("#id_focal_y")))
    crop_src = page.locator(".focal-crops img").first.get_attribute("src")
    context.close()

    assert abs(saved[0] - 800) <= 3 and abs(saved[1] - 250) <= 3
    assert crop_src == f"/foto/{library_photo.key}/16x9-320-f{saved[0]}-{saved[1]}.jpg"
    assert marker_left.endswith("%") and abs(float(marker_left[:-1]) - 80) <= 0.5
    assert [url for url in errors if not url.endswith("/favicon.ico")] == []  # no CSP or JS error
