from datetime import timedelta

import factory
from django.utils import timezone

from shpalta.news import services
from shpalta.news.models import Article, Author, Section, Source, Tag


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Розділ {n}")
    slug = factory.Sequence(lambda n: f"rozdil-{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Видання {n}")
    url = factory.Sequence(lambda n: f"https://example.org/outlet-{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Олена Коваленко {n}")
    slug = factory.Sequence(lambda n: f"olena-kovalenko-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"тема {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """Saved through article_save, like every article an editor writes."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Міська рада ухвалила рішення про ремонт мосту № {n}")
    lede = "Депутати підтримали план відновлення переправи через річку до кінця року."
    body = factory.LazyFunction(
        lambda: (
            "<p>Роботи почнуться навесні. Підрядника оберуть через відкриті торги.</p>"
            "<p>«Ми відкриємо рух до зими», – сказав голова комісії.</p>"
        )
    )
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.Sequence(lambda n: timezone.now() - timedelta(hours=1, minutes=n))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        relations = {
            key: kwargs.pop(key) for key in ("authors", "tags", "sources") if key in kwargs
        }
        article = model_class(*args, **kwargs)
        return services.article_save(article=article, **relations)


def draft(**kwargs) -> Article:
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, **kwargs)


def scheduled(hours_ahead: int = 3, **kwargs) -> Article:
    at = timezone.now() + timedelta(hours=hours_ahead)
    return ArticleFactory(status=Article.Status.SCHEDULED, published_at=at, **kwargs)
