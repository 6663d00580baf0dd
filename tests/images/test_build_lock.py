import logging
import threading

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile

from shpalta.images.renditions import rendition_ensure
from shpalta.images.specs import Spec
from shpalta.images.storage import image_storage, rendition_name
from tests.factories.images import ImageFactory

pytestmark = pytest.mark.django_db


def test_rendition_being_built_elsewhere_is_waited_for_not_built_twice(caplog):
    image = ImageFactory()
    spec = Spec.make("w", 640, "webp", image.focal)
    name = rendition_name(image.key, spec)
    cache.add(f"images:build:{name}", 1, 60)  # another app server holds the lock ...
    other_server = threading.Timer(
        0.3, lambda: image_storage().save(name, ContentFile(b"built by the other server"))
    )
    other_server.start()  # ... and stores the file a moment later
    with caplog.at_level(logging.INFO, logger="shpalta.images.renditions"):
        assert rendition_ensure(key=image.key, master=image.file.name, spec=spec) == name
    other_server.join()
    assert image_storage().open(name).read() == b"built by the other server"
    assert [r.message for r in caplog.records if "built in" in r.message] == []


def test_rendition_build_releases_its_lock(caplog):
    image = ImageFactory()
    spec = Spec.make("og", 1200, "jpg", image.focal)
    name = rendition_name(image.key, spec)
    with caplog.at_level(logging.INFO, logger="shpalta.images.renditions"):
        rendition_ensure(key=image.key, master=image.file.name, spec=spec)
    assert cache.get(f"images:build:{name}") is None
    assert len([r for r in caplog.records if "built in" in r.message]) == 1
