"""Moving photos from the old Article.image field into the library. The old fields stay
as they were (pages fall back to them while lead_image is empty), so this can run at any
time, more than once, and be undone by clearing lead_image."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from shpalta.news import services as news_services
from shpalta.news.models import Article

from . import services
from .models import Image
from .validation import read_upload


@dataclass(frozen=True)
class Adoption:
    article: Article
    image: Image | None
    problem: str = ""


def articles_with_legacy_image():
    return Article.objects.filter(lead_image__isnull=True).exclude(image="").order_by("pk")


@transaction.atomic
def image_adopt_legacy(*, article: Article, dry_run: bool = False) -> Adoption:
    """Validate the old file like any upload; reuse a library photo with the same pixels."""
    try:
        with article.image.open("rb") as fp:
            master = read_upload(File(fp, name=article.image.name))
    except ValidationError as error:
        return Adoption(article, None, " ".join(error.messages))
    except OSError:
        return Adoption(article, None, f"файл {article.image.name} не знайдено у сховищі")
    if dry_run:
        return Adoption(article, None)
    image = Image.objects.filter(key=services.master_key(master)).first()
    if image is None:
        new = Image(
            title=article.headline[:300],
            alt_text=article.image_alt,
            credit=article.image_credit,
        )
        image = services.image_create(
            image=new, master=master, original_name=article.image.name.rsplit("/", 1)[-1]
        )
    article.lead_image = image
    news_services.article_save(article=article)
    return Adoption(article, image)
