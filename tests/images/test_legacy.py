import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from shpalta.images.models import Image
from tests.factories.news import ArticleFactory
from tests.images.photos import jpeg

pytestmark = pytest.mark.django_db


def _legacy(name: str, data: bytes, **fields):
    stored = default_storage.save(f"articles/2026/11/{name}", ContentFile(data))
    return ArticleFactory(image=stored, **fields)


def test_adopt_legacy_moves_old_photos_into_library_and_reuses_duplicates():
    photo = jpeg(800, 600)
    first = _legacy("a.jpg", photo, image_alt="Опис", image_credit="Фото: Архів")
    second = _legacy("b.jpg", photo)
    broken = _legacy("c.jpg", b"not a photo at all")
    out, err = io.StringIO(), io.StringIO()
    call_command("images_adopt_legacy", stdout=out, stderr=err)
    assert out.getvalue() == "Фото перенесено: 2; відмовлено: 1.\n"
    assert f"стаття #{broken.pk}" in err.getvalue() and "Це не зображення" in err.getvalue()
    image = Image.objects.get()
    first.refresh_from_db(), second.refresh_from_db(), broken.refresh_from_db()
    assert (first.lead_image, second.lead_image, broken.lead_image) == (image, image, None)
    assert (image.title, image.alt_text, image.credit) == (first.headline, "Опис", "Архів")
    assert first.image.name  # the old field is left as it was


def test_adopt_legacy_dry_run_changes_nothing():
    _legacy("a.jpg", jpeg(400, 300))
    out = io.StringIO()
    call_command("images_adopt_legacy", "--dry-run", stdout=out)
    assert out.getvalue() == "Фото можна перенести: 1; відмовлено: 0.\n"
    assert not Image.objects.exists()
