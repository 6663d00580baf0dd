import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import html as lxml_html

from shpalta.feeds.structured import json_ld
from shpalta.news.models import Article
from shpalta.news.previews import preview_token
from shpalta.ratings.services import vote_cast
from shpalta.ukrainian.dates import to_kyiv
from tests.factories.news import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.queries import reader_queries_for

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
# A 1×1 GIF: the smallest image Pillow accepts for an ImageField.
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode(), lxml_html.fromstring(response.content)


def ld(tree) -> dict:
    scripts = tree.xpath('//script[@type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def meta(tree, attribute: str) -> list[tuple[str, str]]:
    return [(m.get(attribute), m.get("content")) for m in tree.xpath(f"//meta[@{attribute}]")]


@pytest.fixture
def story(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article = ArticleFactory(
        headline="Київ отримав нові трамваї",
        lede="Перші вагони вийдуть на маршрут у грудні.",
        section=SectionFactory(name="Київ", slug="kyiv"),
        authors=[AuthorFactory(name="Олег Шевчук"), AuthorFactory(name="Марта Левченко")],
        tags=[TagFactory(name="транспорт")],
        image=SimpleUploadedFile("tram.gif", GIF, content_type="image/gif"),
        image_alt="Новий трамвай на Подолі",
    )
    article.refresh_from_db()
    return article


def test_article_json_ld_has_every_field(client, story):
    _raw, tree = page(client, story)
    url = f"{SITE}{story.get_absolute_url()}"
    marta, oleh = story.authors.order_by("name")
    assert ld(tree) == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": "Київ отримав нові трамваї",
        "description": "Перші вагони вийдуть на маршрут у грудні.",
        "inLanguage": "uk",
        "datePublished": to_kyiv(story.published_at).isoformat(timespec="seconds"),
        "dateModified": to_kyiv(story.updated_at).isoformat(timespec="seconds"),
        "author": [
            {
                "@type": "Person",
                "name": "Марта Левченко",
                "url": f"{SITE}{marta.get_absolute_url()}",
            },
            {"@type": "Person", "name": "Олег Шевчук", "url": f"{SITE}{oleh.get_absolute_url()}"},
        ],
        "publisher": {"@type": "NewsMediaOrganization", "name": "Шпальта", "url": f"{SITE}/"},
        "articleSection": "Київ",
        "isAccessibleForFree": True,
        "image": [f"{SITE}{story.image.url}"],
        "keywords": ["транспорт"],
    }
    assert ld(tree)["datePublished"][-6:] in {"+02:00", "+03:00"}


def test_article_json_ld_without_image_uses_site_default_or_none(client, settings):
    article = ArticleFactory()
    assert "image" not in ld(page(client, article)[1])
    settings.SITE_DEFAULT_IMAGE = "img/card.png"
    settings.SITE_LOGO = "img/logo.png"
    data = ld(page(client, article)[1])
    assert data["image"] == [f"{SITE}/static/img/card.png"]
    assert data["publisher"]["logo"] == {
        "@type": "ImageObject",
        "url": f"{SITE}/static/img/logo.png",
    }


def test_article_json_ld_never_claims_a_rating(client):
    article = ArticleFactory()
    for n in range(3):
        vote_cast(article_id=article.pk, reader=f"{n:032d}", stars=5)
    raw, tree = page(client, article)
    assert "AggregateRating" not in raw
    assert "aggregateRating" not in ld(tree)


def test_headline_cannot_close_the_script_element(client):
    article = ArticleFactory()
    hostile = 'Ціни </script><script>alert("x")</script> & <!-- ростуть'
    Article.objects.filter(pk=article.pk).update(headline=hostile)  # as a raw import could
    raw, tree = page(client, article)
    assert "</script><script>alert" not in raw
    assert ld(tree)["headline"] == hostile


def test_json_ld_escapes_markup_characters():
    assert json_ld({"a": "</script>&"}) == '{"a":"\\u003C/script\\u003E\\u0026"}'
    assert json.loads(json_ld({"a": "</script>&"})) == {"a": "</script>&"}


def test_article_open_graph_and_twitter_tags(client, story):
    _raw, tree = page(client, story)
    url = f"{SITE}{story.get_absolute_url()}"
    image = f"{SITE}{story.image.url}"
    marta, oleh = story.authors.order_by("name")
    assert meta(tree, "property") == [
        ("og:type", "article"),
        ("og:site_name", "Шпальта"),
        ("og:locale", "uk_UA"),
        ("og:title", "Київ отримав нові трамваї"),
        ("og:description", "Перші вагони вийдуть на маршрут у грудні."),
        ("og:url", url),
        ("og:image", image),
        ("og:image:alt", "Новий трамвай на Подолі"),
        ("article:published_time", to_kyiv(story.published_at).isoformat(timespec="seconds")),
        ("article:modified_time", to_kyiv(story.updated_at).isoformat(timespec="seconds")),
        ("article:section", "Київ"),
        ("article:author", f"{SITE}{marta.get_absolute_url()}"),
        ("article:author", f"{SITE}{oleh.get_absolute_url()}"),
        ("article:tag", "транспорт"),
    ]
    names = dict(meta(tree, "name"))
    assert {key: value for key, value in names.items() if key.startswith("twitter:")} == {
        "twitter:card": "summary_large_image",
        "twitter:title": "Київ отримав нові трамваї",
        "twitter:description": "Перші вагони вийдуть на маршрут у грудні.",
        "twitter:image": image,
        "twitter:image:alt": "Новий трамвай на Подолі",
    }


def test_article_without_image_gets_summary_card(client):
    _raw, tree = page(client, ArticleFactory())
    assert dict(meta(tree, "name"))["twitter:card"] == "summary"
    assert "og:image" not in dict(meta(tree, "property"))


def test_article_page_has_one_canonical_link(client, story):
    _raw, tree = page(client, story)
    assert tree.xpath('//link[@rel="canonical"]/@href') == [f"{SITE}{story.get_absolute_url()}"]


def test_preview_of_a_draft_has_no_structured_data(admin_client):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    response = admin_client.get(f"/preview/{preview_token(article.pk)}/")
    assert response.status_code == 200
    assert b"application/ld+json" not in response.content


def test_article_page_query_count_does_not_grow_with_authors_and_tags(client):
    few = ArticleFactory(authors=[AuthorFactory()], tags=[TagFactory()])
    many = ArticleFactory(authors=AuthorFactory.create_batch(5), tags=TagFactory.create_batch(5))
    assert reader_queries_for(client, few.get_absolute_url()) == reader_queries_for(
        client, many.get_absolute_url()
    )


def test_unsigned_article_is_credited_to_the_newsroom(client):
    data = ld(page(client, ArticleFactory())[1])
    assert data["author"] == [{"@type": "Organization", "name": "Шпальта", "url": f"{SITE}/"}]


@pytest.fixture
def photographed(settings, tmp_path, story):
    """The story with a library photo as its lead image, focal point off-centre."""
    from tests.factories.images import ImageFactory

    settings.MEDIA_ROOT = tmp_path
    photo = ImageFactory(pixels=(1600, 1000), alt_text="Трамвай на Контрактовій площі")
    type(photo).objects.filter(pk=photo.pk).update(focal_x=300, focal_y=700)
    Article.objects.filter(pk=story.pk).update(lead_image=photo)
    story.refresh_from_db()
    return story


def test_json_ld_lists_the_search_crops_of_the_lead_photo(client, photographed):
    key = photographed.lead_image.key
    assert ld(page(client, photographed)[1])["image"] == [
        f"{SITE}/foto/{key}/16x9-1200-f300-700.jpg",
        f"{SITE}/foto/{key}/4x3-1200-f300-700.jpg",
        f"{SITE}/foto/{key}/1x1-1200-f300-700.jpg",
    ]


def test_open_graph_and_twitter_use_the_social_card_of_the_lead_photo(client, photographed):
    _raw, tree = page(client, photographed)
    card = f"{SITE}/foto/{photographed.lead_image.key}/og-1200-f300-700.jpg"
    properties = meta(tree, "property")
    start = properties.index(("og:image", card))
    assert properties[start : start + 4] == [
        ("og:image", card),
        ("og:image:width", "1200"),
        ("og:image:height", "630"),
        ("og:image:alt", "Трамвай на Контрактовій площі"),
    ]
    assert [p for p in properties if p[0].startswith("og:image")] == properties[start : start + 4]
    names = dict(meta(tree, "name"))
    assert (names["twitter:card"], names["twitter:image"], names["twitter:image:alt"]) == (
        "summary_large_image",
        card,
        "Трамвай на Контрактовій площі",
    )


def test_legacy_image_gives_no_size_tags(client, story):
    properties = dict(meta(page(client, story)[1], "property"))
    assert "og:image:width" not in properties
    assert properties["og:image"] == f"{SITE}{story.image.url}"


def test_article_page_queries_stay_flat_with_a_lead_photo(client, photographed):
    # The photo row comes with the article (select_related): the crops need no query.
    url = photographed.get_absolute_url()
    with_photo = reader_queries_for(client, url)
    Article.objects.filter(pk=photographed.pk).update(lead_image=None)
    assert reader_queries_for(client, url) == with_photo
