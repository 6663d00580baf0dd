"""Writes to the photo library. The admin and the import command call these."""

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from shpalta.core.purge import site_purge
from shpalta.news.fragments import render_epoch_bump

from .models import Image
from .processing import Master
from .specs import CROPS, EXTENSIONS, Spec, allowed_widths
from .storage import image_storage, master_name, rendition_name


def master_key(master: Master) -> str:
    return hashlib.sha256(master.data).hexdigest()[:24]


@transaction.atomic
def image_create(
    *,
    image: Image,
    master: Master,
    original_name: str = "",
    original_bytes: int = 0,
    uploaded_by=None,
) -> Image:
    """Store the clean master under its content hash and save `image` (an unsaved row
    with the editorial fields set). If the row cannot be written, the file is removed
    again: nothing is left half-stored."""
    key = master_key(master)
    storage = image_storage()
    name = storage.save(master_name(key, master.extension), ContentFile(master.data))
    image.key, image.file = key, name
    image.width, image.height = master.width, master.height
    image.credit = normalise_credit(image.credit)
    image.original_name = original_name[:255]
    image.original_bytes = original_bytes
    image.uploaded_by = uploaded_by
    try:
        with transaction.atomic():
            image.save()
    except IntegrityError:
        # Someone stored the same photo a moment ago: on a bucket that overwrites, the
        # file under this name is theirs now, so it stays.
        if not Image.objects.filter(file=name).exists():
            storage.delete(name)
        raise
    except Exception:
        storage.delete(name)
        raise
    return image


def normalise_credit(credit: str) -> str:
    """Editors often type «Фото: Ім’я»; the prefix is the site's to add, not theirs."""
    credit = " ".join(credit.split())
    for prefix in ("фото:", "фото :", "photo:"):
        if credit.lower().startswith(prefix):
            return credit[len(prefix) :].strip()
    return credit


def _crop_names(key: str, focal: tuple[int, int]) -> list[str]:
    return [
        rendition_name(key, Spec.make(crop, width, ext, focal))
        for crop in CROPS
        for width in allowed_widths(crop)
        for ext in EXTENSIONS
    ]


def all_rendition_names(image: Image) -> list[str]:
    plain = [
        rendition_name(image.key, Spec.make("w", width, ext, image.focal))
        for width in allowed_widths("w")
        for ext in EXTENSIONS
    ]
    return plain + _crop_names(image.key, image.focal)


def _delete_files(names: list[str]) -> None:
    storage = image_storage()
    for name in names:
        storage.delete(name)


@transaction.atomic
def image_update(*, image: Image, previous_focal: tuple[int, int] | None = None) -> Image:
    """Save edits. A moved focal point gives the crops new names (so no cache anywhere
    serves the old cut); the old crops are deleted once the change is committed. The
    photo's text and crops are in the stored markup and cached pages of every story that
    shows it: both are refreshed (edits of photos are rare)."""
    image.credit = normalise_credit(image.credit)
    image.save()
    render_epoch_bump()
    transaction.on_commit(site_purge)
    if previous_focal is not None and previous_focal != image.focal:
        stale = _crop_names(image.key, previous_focal)
        transaction.on_commit(lambda: _delete_files(stale))
    return image


@transaction.atomic
def image_delete(*, image: Image) -> None:
    """Raises ProtectedError while an article uses the photo."""
    names = [image.file.name, *all_rendition_names(image)]
    image.delete()
    transaction.on_commit(lambda: _delete_files(names))
