from datetime import timedelta

import pytest
from django.utils import timezone

from shpalta.news import services
from shpalta.news.models import Article, SlugRedirect
from shpalta.news.signals import article_changed
from tests.factories.news import ArticleFactory, SectionFactory, draft, scheduled

pytestmark = pytest.mark.django_db


def test_article_save_makes_kmu_slug_from_headline():
    article = ArticleFactory(headline="Умєров: Південна Корея — «ув’язнені»")
    assert article.slug == "umierov-pivdenna-koreia-uviazneni"


def test_article_save_keeps_slugs_unique():
    first = ArticleFactory(headline="Новини дня")
    second = ArticleFactory(headline="Новини дня")
    third = ArticleFactory(headline="Новини дня")
    assert [first.slug, second.slug, third.slug] == [
        "novyny-dnia",
        "novyny-dnia-2",
        "novyny-dnia-3",
    ]


def test_draft_slug_follows_headline_until_publication():
    article = draft(headline="Робоча назва")
    article.headline = "Остаточна назва"
    services.article_save(article=article)
    assert article.slug == "ostatochna-nazva"


def test_slug_is_fixed_at_first_publication():
    article = ArticleFactory(headline="Перша назва")
    article.headline = "Інша назва після публікації"
    services.article_save(article=article)
    article.refresh_from_db()
    assert article.slug == "persha-nazva"
    assert not SlugRedirect.objects.exists()


def test_renaming_published_slug_keeps_old_address_as_redirect():
    article = ArticleFactory(headline="Перша назва")
    article.slug = "nova-adresa"
    services.article_save(article=article)
    assert SlugRedirect.objects.get(old_slug="persha-nazva").article == article


def test_renaming_back_to_an_old_slug_removes_the_loop():
    article = ArticleFactory(headline="Перша назва")
    article.slug = "druha"
    services.article_save(article=article)
    article.slug = "persha-nazva"
    services.article_save(article=article)
    assert list(SlugRedirect.objects.values_list("old_slug", flat=True)) == ["druha"]


def test_new_article_cannot_take_a_redirected_slug():
    article = ArticleFactory(headline="Перша назва")
    article.slug = "druha"
    services.article_save(article=article)
    other = ArticleFactory(headline="Перша назва")
    assert other.slug == "persha-nazva-2"


def test_article_save_sanitises_body_with_allowlist():
    article = ArticleFactory(
        body='<p onclick="x()">Текст <script>alert(1)</script>'
        '<a href="javascript:alert(1)">лінк</a>'
        '<a href="https://example.org/">джерело</a></p><style>p{}</style><iframe src="x"></iframe>'
    )
    assert article.body == (
        '<p>Текст <a rel="noopener noreferrer">лінк</a>'
        '<a href="https://example.org/" rel="noopener noreferrer">'
        "джерело</a></p>"
    )


def test_article_save_makes_headline_and_lede_plain_text():
    article = ArticleFactory(headline="<b>Жирний</b>  заголовок", lede="<i>Лід</i>\nз переносом")
    assert (article.headline, article.lede) == ("Жирний заголовок", "Лід з переносом")


def test_article_save_stores_teaser_cut_at_word_boundary():
    article = ArticleFactory(lede="Коротко.", body="<p>" + "Далі йде довгий текст. " * 20 + "</p>")
    assert article.teaser.startswith("Коротко. Далі йде довгий текст.")
    assert article.teaser.endswith("...")
    assert len(article.teaser) <= 163


def test_article_publish_now_and_in_future():
    now_article = services.article_publish(article=draft())
    later = services.article_publish(article=draft(), at=timezone.now() + timedelta(hours=2))
    assert now_article.status == Article.Status.PUBLISHED
    assert later.status == Article.Status.SCHEDULED
    assert set(Article.objects.published()) == {now_article}


def test_article_unpublish_hides_it():
    article = ArticleFactory()
    services.article_unpublish(article=article)
    assert not Article.objects.published().exists()


def test_scheduled_article_becomes_public_when_its_time_comes():
    article = scheduled(hours_ahead=2)
    assert not Article.objects.published().exists()
    later = timezone.now() + timedelta(hours=2, minutes=1)
    assert list(Article.objects.published(now=later)) == [article]


def test_article_changed_is_sent_with_previous_state():
    received = []

    def listener(sender, article, previous, **kwargs):
        received.append((article.headline, previous and previous.section_id))

    article_changed.connect(listener)
    try:
        article = ArticleFactory(headline="Одна")
        old_section = article.section_id
        article.section = SectionFactory()
        services.article_save(article=article)
    finally:
        article_changed.disconnect(listener)
    assert received == [("Одна", None), ("Одна", old_section)]


def test_named_slug_for_tags_is_unique_and_transliterated():
    from shpalta.news.models import Tag

    Tag.objects.create(name="Енергетика", slug="enerhetyka")
    assert services.named_slug(Tag, "енергетика") == "enerhetyka-2"
