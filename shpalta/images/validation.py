"""The door every uploaded photo passes through. Anything doubtful is refused with a
message an editor can act on, before a byte is stored, and without decoding pixels we
have not first counted."""

import struct
import warnings
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

from .processing import Master, make_master

ACCEPTED = "Завантажте фото у форматі JPEG, PNG або WebP."
HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
BROKEN = (OSError, ValueError, SyntaxError, struct.error, EOFError, IndexError, zlib.error)


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",").removesuffix(",0") + " МБ"


def _megapixels(n: int) -> str:
    return f"{n / 1_000_000:.1f}".replace(".", ",").removesuffix(",0") + " Мп"


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


def accepted_formats() -> set[str]:
    formats = {"JPEG", "PNG", "WEBP"}
    Image.init()
    if "HEIF" in Image.OPEN:  # only when a HEIF plugin (pillow-heif) is installed
        formats.add("HEIF")
    return formats


def _check_head(head: bytes) -> None:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<") or b"<svg" in text:
        raise ValidationError(
            "SVG та інші текстові файли не приймаємо: вони можуть містити скрипти. " + ACCEPTED,
            code="svg",
        )
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS and "HEIF" not in accepted_formats():
        raise ValidationError(
            "Фото HEIC (з iPhone) цей сервер прочитати не може. Збережіть його як JPEG "
            "(на iPhone: Параметри → Камера → Формати → «Найсумісніший») і завантажте знову.",
            code="heic",
        )


def _open(file) -> Image.Image:
    limit = settings.IMAGES_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(file)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            f"Зображення має забагато пікселів: найбільше — {_megapixels(limit)}. "
            "Зменште його й завантажте знову.",
            code="too_many_pixels",
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            "Це не зображення або файл пошкоджений. " + ACCEPTED, code="not_image"
        ) from None
    width, height = im.size
    if width * height > limit:
        raise ValidationError(
            f"Зображення {_thousands(width)} × {_thousands(height)} пікселів "
            f"({_megapixels(width * height)}) завелике: найбільше — {_megapixels(limit)}.",
            code="too_many_pixels",
        )
    if im.format not in accepted_formats():
        raise ValidationError(f"Формат {im.format} не приймаємо. " + ACCEPTED, code="format")
    return im


def read_upload(file) -> Master:
    """Validate an uploaded file and return the clean master to store, or raise
    ValidationError. Size is checked before reading, pixels are counted before decoding."""
    limit = settings.IMAGES_MAX_UPLOAD_BYTES
    if file.size > limit:
        raise ValidationError(
            f"Файл завеликий: {_megabytes(file.size)}, найбільше — {_megabytes(limit)}.",
            code="too_big",
        )
    file.seek(0)
    _check_head(file.read(64))
    file.seek(0)
    try:
        im = _open(file)
        with im:
            im.load()
            return make_master(im)
    except ValidationError:
        raise
    except BROKEN:
        raise ValidationError(
            "Файл пошкоджений або завантажився не до кінця (обрізаний). "
            "Відкрийте його на комп’ютері й збережіть знову.",
            code="broken",
        ) from None
