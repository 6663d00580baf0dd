"""The entity page and the article page's entity block, with their query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shpalta.entities.models import Kind
from tests.factories.entities import EntityFactory
from tests.factories.news import ArticleFactory, draft

pytestmark = pytest.mark.django_db

FORMS = ["Рустем Умєров", "Рустема Умєрова", "Рустемові Умєрові", "Рустемом Умєровим"]


def mention(n, extra=""):
    return f"<p>Про це заявив {FORMS[n % len(FORMS)]} під час візиту.{extra}</p>"


def test_entity_page_heading_declines_the_name(client):
    entity = EntityFactory(name="Рустем Умєров", description="Міністр оборони України.")
    ArticleFactory(body=mention(1))
    html = client.get(entity.get_absolute_url()).content.decode()
    assert "<h1>Рустем Умєров</h1>" in html
    assert "Новини про Рустема Умєрова" in html
    assert "Міністр оборони України." in html


def test_entity_page_heading_for_place_in_accusative(client):
    entity = EntityFactory(name="Південна Корея", kind=Kind.PLACE)
    html = client.get(entity.get_absolute_url()).content.decode()
    assert "Новини про Південну Корею" in html


def test_entity_page_lists_every_form_newest_first_without_drafts(client):
    entity = EntityFactory(name="Рустем Умєров")
    now = timezone.now()
    older = ArticleFactory(body=mention(1), published_at=now - timedelta(days=2))
    newer = ArticleFactory(body=mention(3), published_at=now - timedelta(hours=1))
    hidden = draft(body=mention(2), headline="Чернетка про Умєрова")
    response = client.get(entity.get_absolute_url())
    items = response.context["page"].items
    assert [a.pk for a in items] == [newer.pk, older.pk]
    assert hidden.headline not in response.content.decode()


def test_entity_page_paginates(client, settings):
    settings.NEWS_PAGE_SIZE = 2
    entity = EntityFactory(name="Рустем Умєров")
    for n in range(3):
        ArticleFactory(body=mention(n))
    first = client.get(entity.get_absolute_url())
    second = client.get(entity.get_absolute_url() + "?page=2")
    assert (len(first.context["page"].items), first.context["page"].has_next) == (2, True)
    assert (len(second.context["page"].items), second.context["page"].has_next) == (1, False)
    assert client.get(entity.get_absolute_url() + "?page=abc").status_code == 404
    assert client.get(entity.get_absolute_url() + "?page=9").status_code == 404


def test_entity_page_unknown_slug_is_404(client):
    assert client.get("/about/nikoho-nemaie/").status_code == 404


def test_entity_page_related_entities_most_co_mentioned(client):
    umerov = EntityFactory(name="Рустем Умєров")
    korea = EntityFactory(name="Південна Корея", kind=Kind.PLACE)
    kyiv = EntityFactory(name="Київ", kind=Kind.PLACE)
    ArticleFactory(body=mention(0, " Він полетів до Південної Кореї."))
    ArticleFactory(body=mention(1, " Переговори у Південній Кореї тривали."))
    ArticleFactory(body=mention(2, " Потім він повернувся до Києва."))
    related = client.get(umerov.get_absolute_url()).context["entity_page"].related
    assert related == [korea, kyiv]


@pytest.mark.parametrize("count", [1, 12])
def test_entity_page_query_count_flat(client, django_assert_num_queries, count):
    entity = EntityFactory(name="Рустем Умєров")
    place = EntityFactory(name="Південна Корея", kind=Kind.PLACE)
    for n in range(count):
        ArticleFactory(body=mention(n, " Зустріч у Південній Кореї."))
    assert place.article_links.count() == count
    # entity, articles, their sources, co-mentioned entities; the sections menu
    with django_assert_num_queries(5):
        assert client.get(entity.get_absolute_url()).status_code == 200


def test_article_page_links_the_entities_it_names(client):
    entity = EntityFactory(name="Рустем Умєров")
    article = ArticleFactory(body=mention(2))
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<a href="{entity.get_absolute_url()}">Рустем Умєров</a>' in html
    assert "У цій новині" in html


def test_article_page_without_entities_has_no_block(client):
    article = ArticleFactory(body="<p>Без імен і назв.</p>")
    assert "У цій новині" not in client.get(article.get_absolute_url()).content.decode()


def _article_page_queries(client, django_assert_num_queries, count):
    names = ["Рустем Умєров", "Південна Корея", "Київ", "Сеул", "Вашингтон", "Берлін"]
    for n, name in enumerate(names[:count]):
        EntityFactory(name=name, kind=Kind.PERSON if n == 0 else Kind.PLACE)
    text = "<p>Рустем Умєров був у Південній Кореї, Києві, Сеулі, Вашингтоні й Берліні.</p>"
    articles = [ArticleFactory(body=text, headline=f"Візит {n}") for n in range(count + 1)]
    article = articles[0]
    assert len(article.related_links.all()) == min(count, 6)
    assert article.entity_links.count() == count
    return article


@pytest.mark.parametrize("count", [1, 6])
def test_article_page_query_count_flat(client, django_assert_num_queries, count):
    article = _article_page_queries(client, django_assert_num_queries, count)
    client.get(article.get_absolute_url())  # renders and stores the article's markup
    # the article with its stored markup, rating and entity block; the stored cards of
    # «Інші новини»
    with django_assert_num_queries(2):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_editor_decision_refreshes_cached_entity_blocks(django_capture_on_commit_callbacks):
    from shpalta.core.generations import generations_get
    from shpalta.entities.purge import ENTITIES_TAG

    before = generations_get([ENTITIES_TAG])
    with django_capture_on_commit_callbacks(execute=True):
        EntityFactory(name="Рустем Умєров")
    assert generations_get([ENTITIES_TAG]) != before


def test_entity_and_article_pages_declare_what_they_show(client):
    from shpalta.core.pagecache import TAGS_ENVIRON_KEY
    from shpalta.entities.purge import ENTITIES_TAG

    entity = EntityFactory(name="Рустем Умєров")
    article = ArticleFactory(body=mention(1))
    entity_tags = client.get(entity.get_absolute_url()).wsgi_request.META[TAGS_ENVIRON_KEY]
    article_tags = client.get(article.get_absolute_url()).wsgi_request.META[TAGS_ENVIRON_KEY]
    assert {ENTITIES_TAG, f"article:{article.pk}"} <= entity_tags
    assert ENTITIES_TAG in article_tags


def test_entity_block_most_mentioned_first_then_by_name_at_most_twelve():
    from shpalta.entities.models import ArticleEntity
    from shpalta.entities.selectors import ARTICLE_ENTITIES, entities_of
    from shpalta.news.article_page import stored_article_page

    article = ArticleFactory(body="<p>Без імен.</p>")
    # JSON must carry what names hold: quotes, a backslash, both apostrophes, «лапки».
    names = ['ТОВ "Світанок"', "Кам'янець-Подільський", "Кам’янка", "Ґорґани", "Є\\Ї",
             "«Укрзалізниця»", *(f"Особа {n:02}" for n in range(10))]  # fmt: skip
    for n, name in enumerate(names):
        entity = EntityFactory(name=name, kind=Kind.ORGANISATION)
        ArticleEntity.objects.create(article=article, entity=entity, mentions=1 + n % 3)
    expected = sorted(names, key=lambda name: (-(1 + names.index(name) % 3), name))
    expected = expected[:ARTICLE_ENTITIES]
    assert [entity.name for entity in entities_of(article)] == expected
    page = stored_article_page(article.slug)
    assert [entity.name for entity in page.entities] == expected
    assert page.entities[0].get_absolute_url().startswith("/")


def test_entity_block_of_an_article_naming_nobody_is_empty():
    from shpalta.news.article_page import stored_article_page

    article = ArticleFactory(body="<p>Без імен і назв.</p>")
    assert stored_article_page(article.slug).entities == []
