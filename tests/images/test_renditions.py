import io

import pytest
from django.core.files.storage import storages
from PIL import Image

from shpalta.images.selectors import rendition_size, rendition_url
from shpalta.images.storage import image_storage
from tests.factories.images import ImageFactory

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_rendition_built_on_first_request_then_reused(client, stored_files):
    image = ImageFactory(pixels=(1600, 1000))
    url = rendition_url(image, "w", 640, "webp")
    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "image/webp"
    assert first["Cache-Control"] == "public, max-age=31536000, immutable"
    files_after_first = stored_files()
    name = f"images/renditions/{image.key[:2]}/{image.key}/w-640.webp"
    assert name in files_after_first
    mtime = (image_storage().get_modified_time(name), len(files_after_first))
    second = client.get(url)
    assert _body(second) == _body(first)
    assert (image_storage().get_modified_time(name), len(stored_files())) == mtime


@pytest.mark.parametrize(
    ("crop", "width", "ext", "size", "fmt"),
    [
        ("w", 320, "jpg", (320, 200), "JPEG"),
        ("w", 1920, "webp", (1600, 1000), "WEBP"),  # never upscaled past the original
        ("16x9", 1200, "jpg", (1200, 675), "JPEG"),
        ("4x3", 1200, "webp", (1200, 900), "WEBP"),
        ("1x1", 1200, "jpg", (1000, 1000), "JPEG"),  # as wide as a 1600×1000 photo allows
        ("og", 1200, "jpg", (1200, 630), "JPEG"),
    ],
)
def test_rendition_has_size_and_format_pages_announce(client, crop, width, ext, size, fmt):
    image = ImageFactory(pixels=(1600, 1000))
    body = _body(client.get(rendition_url(image, crop, width, ext)))
    im = Image.open(io.BytesIO(body))
    assert (im.format, im.size) == (fmt, size)
    assert rendition_size(image, crop, width) == size


def test_rendition_missing_from_storage_is_rebuilt_identically(client):
    image = ImageFactory()
    url = rendition_url(image, "4x3", 640)
    original = _body(client.get(url))
    image_storage().delete(f"images/renditions/{image.key[:2]}/{image.key}/4x3-640-f500-500.jpg")
    assert _body(client.get(url)) == original


def test_rendition_unknown_size_is_404_and_nothing_built(client, stored_files):
    image = ImageFactory()
    before = stored_files()
    assert client.get(f"/foto/{image.key}/w-777.jpg").status_code == 404
    assert client.get(f"/foto/{image.key}/w-640.gif").status_code == 404
    assert client.get("/foto/0123456789abcdef01234567/w-640.jpg").status_code == 404
    assert stored_files() == before


def test_rendition_with_old_focal_point_redirects_to_current_crop(client, stored_files):
    image = ImageFactory(focal_x=200, focal_y=300)
    before = stored_files()
    response = client.get(f"/foto/{image.key}/1x1-640-f500-500.jpg")
    assert response.status_code == 301
    assert response["Location"] == f"/foto/{image.key}/1x1-640-f200-300.jpg"
    assert stored_files() == before


def test_rendition_refuses_post(client):
    image = ImageFactory()
    assert client.post(rendition_url(image, "w", 640)).status_code == 405


def test_renditions_work_on_storage_without_file_paths(client, settings):
    """Only the storage API is used, so an object store behaves like the file system."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    image = ImageFactory()
    assert type(storages["default"]).__name__ == "InMemoryStorage"
    body = _body(client.get(rendition_url(image, "og", 1200, "webp")))
    assert Image.open(io.BytesIO(body)).size == (1200, 630)
    assert storages["default"].exists(image.file.name)
