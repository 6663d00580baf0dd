from html.parser import HTMLParser

import pytest

from shpalta.images.selectors import (
    social_image,
    social_image_url,
    structured_data_image_urls,
)
from tests.factories.images import ImageFactory
from tests.factories.news import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


class Pictures(HTMLParser):
    """Every <picture>: its <source> and <img> attributes, in page order."""

    def __init__(self):
        super().__init__()
        self.found: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self.found.append({"class": attrs.get("class"), "source": None, "img": None})
        elif tag == "source" and self.found and self.found[-1]["img"] is None:
            self.found[-1]["source"] = attrs
        elif tag == "img" and self.found and self.found[-1]["img"] is None:
            self.found[-1]["img"] = attrs


def pictures(html: str) -> list[dict]:
    parser = Pictures()
    parser.feed(html)
    return parser.found


def test_article_page_lead_photo_is_responsive_eager_and_sized(client):
    image = ImageFactory(pixels=(2400, 1600), credit="Іван Петренко", source="Reuters")
    article = ArticleFactory(lead_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    lead = pictures(html)[0]
    base = f"/foto/{image.key}/"
    assert lead["source"] == {
        "type": "image/webp",
        "srcset": ", ".join(f"{base}w-{w}.webp {w}w" for w in (320, 640, 960, 1280, 1920)),
        "sizes": "(max-width: 48rem) calc(100vw - 2rem), 46rem",
    }
    assert lead["img"] == {
        "src": f"{base}w-960.jpg",
        "srcset": ", ".join(f"{base}w-{w}.jpg {w}w" for w in (320, 640, 960, 1280, 1920)),
        "sizes": "(max-width: 48rem) calc(100vw - 2rem), 46rem",
        "width": "960",
        "height": "640",
        "alt": image.alt_text,
        "decoding": "async",
        "loading": "eager",
        "fetchpriority": "high",
    }
    assert "<figcaption>Фото: Іван Петренко / Reuters</figcaption>" in html
    assert image.file.name not in html  # the master is never linked


def test_small_photo_srcset_stops_at_its_own_width(client):
    image = ImageFactory(pixels=(700, 400))
    article = ArticleFactory(lead_image=image)
    lead = pictures(client.get(article.get_absolute_url()).content.decode())[0]
    assert lead["img"]["srcset"] == (
        f"/foto/{image.key}/w-320.jpg 320w, /foto/{image.key}/w-640.jpg 640w, "
        f"/foto/{image.key}/w-960.jpg 700w"
    )
    assert (lead["img"]["width"], lead["img"]["height"]) == ("700", "400")


def test_cards_below_article_are_lazy_16x9_crops(client):
    section = SectionFactory()
    other = ArticleFactory(section=section, lead_image=ImageFactory(focal_x=300, focal_y=400))
    article = ArticleFactory(section=section, lead_image=ImageFactory())
    found = pictures(client.get(article.get_absolute_url()).content.decode())
    card = found[1]
    key = other.lead_image.key
    assert card["class"] == "card-image"
    assert card["img"]["loading"] == "lazy"
    assert "fetchpriority" not in card["img"]
    assert card["img"]["src"] == f"/foto/{key}/16x9-640-f300-400.jpg"
    assert card["img"]["srcset"] == (
        f"/foto/{key}/16x9-320-f300-400.jpg 320w, /foto/{key}/16x9-640-f300-400.jpg 640w"
    )
    assert card["img"]["sizes"] == "(min-width: 64rem) 16rem, 7.5rem"
    assert (card["img"]["width"], card["img"]["height"]) == ("640", "360")


def test_article_without_photo_has_no_picture(client):
    article = ArticleFactory()
    assert "<picture" not in client.get(article.get_absolute_url()).content.decode()


def test_legacy_image_field_still_shows(client, settings):
    article = ArticleFactory(image="articles/2026/11/old.jpg", image_alt="Старе фото",
                             image_credit="Архів")  # fmt: skip
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<img src="/media/articles/2026/11/old.jpg" alt="Старе фото">' in html
    assert "<figcaption>Фото: Архів</figcaption>" in html


# The same number of queries as the page needs with no photos at all.
@pytest.mark.parametrize(("count", "photos"), [(1, False), (1, True), (8, True)])
def test_front_page_queries_do_not_grow_with_photos(
    client, django_assert_num_queries, count, photos
):
    section = SectionFactory()
    for _ in range(count):
        ArticleFactory(section=section, lead_image=ImageFactory() if photos else None)
    # top and pinned, the latest, the menu, the section blocks, their outlets, the menu again
    with django_assert_num_queries(6):
        html = client.get("/").content.decode()
    assert html.count('<picture class="card-image">') >= (count if photos else 0)


@pytest.mark.parametrize(("count", "photos"), [(1, False), (1, True), (8, True)])
def test_article_page_queries_do_not_grow_with_photos(
    client, django_assert_num_queries, count, photos
):
    section = SectionFactory()
    for _ in range(count):
        ArticleFactory(section=section, lead_image=ImageFactory() if photos else None)
    article = ArticleFactory(section=section, lead_image=ImageFactory() if photos else None)
    client.get(article.get_absolute_url())  # renders and stores the markup of all of them
    # the article's stored markup with its «У цій новині» block, the stored cards
    with django_assert_num_queries(2):
        html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("<picture") == (min(count, 6) + 1 if photos else 0)  # «Інші новини»: 6


@pytest.mark.parametrize(("count", "photos"), [(1, False), (1, True), (8, True)])
def test_section_page_queries_do_not_grow_with_photos(
    client, django_assert_num_queries, count, photos
):
    section = SectionFactory()
    for _ in range(count):
        ArticleFactory(section=section, lead_image=ImageFactory() if photos else None)
    # section, its top and pinned stories, the list, its outlets, the menu
    with django_assert_num_queries(5):
        html = client.get(section.get_absolute_url()).content.decode()
    assert html.count("<picture") == (count if photos else 0)


def test_social_image_url_is_absolute_1200x630_card(settings):
    settings.SITE_URL = "https://shpalta.example"
    image = ImageFactory(focal_x=250, focal_y=600, alt_text="Нічний Київ")
    article = ArticleFactory(lead_image=image)
    url = f"https://shpalta.example/foto/{image.key}/og-1200-f250-600.jpg"
    assert social_image_url(article) == url
    card = social_image(article)
    assert (card.url, card.width, card.height, card.alt) == (url, 1200, 630, "Нічний Київ")


def test_structured_data_image_urls_list_three_search_crops(settings):
    settings.SITE_URL = "https://shpalta.example"
    image = ImageFactory()
    article = ArticleFactory(lead_image=image)
    base = f"https://shpalta.example/foto/{image.key}/"
    assert structured_data_image_urls(article) == [
        f"{base}16x9-1200-f500-500.jpg",
        f"{base}4x3-1200-f500-500.jpg",
        f"{base}1x1-1200-f500-500.jpg",
    ]


def test_social_helpers_without_photo_return_nothing():
    article = ArticleFactory()
    assert (social_image_url(article), structured_data_image_urls(article)) == (None, [])


def test_front_page_top_story_photo_is_eager_16x9(client):
    image = ImageFactory(pixels=(2400, 1600), focal_x=400, focal_y=300)
    ArticleFactory(is_top_story=True, lead_image=image)
    top = pictures(client.get("/").content.decode())[0]
    base = f"/foto/{image.key}/16x9-"
    assert top["class"] == "top-image"
    assert (top["img"]["loading"], top["img"]["fetchpriority"]) == ("eager", "high")
    assert top["img"]["src"] == f"{base}960-f400-300.jpg"
    assert (top["img"]["width"], top["img"]["height"]) == ("960", "540")
    assert top["source"]["srcset"].endswith(f"{base}1920-f400-300.webp 1920w")
