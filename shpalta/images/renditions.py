"""Renditions are made on first request and then only read. The build is guarded by a
lock in the shared cache, so a photo that goes viral is decoded once, not once per
reader, across every app server."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile

from . import processing
from .specs import Spec
from .storage import image_storage, rendition_name

log = logging.getLogger(__name__)
LOCK_SECONDS = 60
WAIT_SECONDS = 15


def build_rendition(*, key: str, master: str, spec: Spec) -> bytes:
    with image_storage().open(master, "rb") as fp:
        return processing.render(
            fp,
            spec,
            focal=spec.focal or (500, 500),
            jpeg_quality=settings.IMAGES_JPEG_QUALITY,
            webp_quality=settings.IMAGES_WEBP_QUALITY,
        )


def _store(name: str, data: bytes) -> None:
    storage = image_storage()
    saved = storage.save(name, ContentFile(data))
    if saved != name:  # another server stored it first; keep theirs, the bytes are equal
        storage.delete(saved)


def rendition_ensure(*, key: str, master: str, spec: Spec) -> str:
    """The storage name of the rendition, built and stored if it is not there yet."""
    name = rendition_name(key, spec)
    storage = image_storage()
    if storage.exists(name):
        return name
    lock = f"images:build:{name}"
    if not cache.add(lock, 1, LOCK_SECONDS):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.1)
            if storage.exists(name):
                return name
    try:
        if not storage.exists(name):
            started = time.perf_counter()
            _store(name, build_rendition(key=key, master=master, spec=spec))
            log.info("rendition %s built in %.2f s", name, time.perf_counter() - started)
    finally:
        cache.delete(lock)
    return name
