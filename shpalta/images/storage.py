"""Which storage holds photos, and the deterministic names inside it. Everything goes
through Django's storage API (open/save/exists/delete), never file paths, so the file
system and an S3-compatible bucket behave the same."""

from django.conf import settings
from django.core.files.storage import Storage, storages

from .specs import Spec


def image_storage() -> Storage:
    return storages[settings.IMAGES_STORAGE]


def master_name(key: str, extension: str) -> str:
    return f"images/masters/{key[:2]}/{key}.{extension}"


def rendition_name(key: str, spec: Spec) -> str:
    return f"images/renditions/{key[:2]}/{key}/{spec.name}"
