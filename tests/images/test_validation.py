import tracemalloc

import pytest
from django.core.exceptions import ValidationError

from shpalta.images.validation import read_upload
from tests.factories.images import upload
from tests.images.photos import HEIC_HEADER, SVG_WITH_SCRIPT, encode, jpeg, photo, png_bomb


def _refusal(data: bytes, name: str = "x.jpg") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        read_upload(upload(data, name))
    return caught.value


@pytest.mark.parametrize(("fmt", "name"), [("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp")])
def test_read_upload_accepts_jpeg_png_webp(fmt, name):
    master = read_upload(upload(encode(photo(320, 200), fmt), name))
    assert (master.width, master.height) == (320, 200)


def test_read_upload_refuses_text_file():
    error = _refusal("Це звичайний текст, а не фото.".encode(), "notes.jpg")
    assert error.code == "not_image"
    assert error.messages == [
        "Це не зображення або файл пошкоджений. Завантажте фото у форматі JPEG, PNG або WebP."
    ]


def test_read_upload_refuses_truncated_jpeg():
    data = jpeg(1200, 800)
    error = _refusal(data[: len(data) // 2])
    assert error.code == "broken"
    assert "завантажився не до кінця" in error.messages[0]


def test_read_upload_refuses_decompression_bomb_without_decoding_it():
    tracemalloc.start()
    try:
        error = _refusal(png_bomb(20_000, 20_000), "bomb.png")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.code == "too_many_pixels"
    assert "забагато пікселів" in error.messages[0] or "завелике" in error.messages[0]
    assert peak < 20 * 1024 * 1024  # 400 Mpx would need over a gigabyte if decoded


def test_read_upload_refuses_pixels_over_setting(settings):
    settings.IMAGES_MAX_PIXELS = 1_000_000
    error = _refusal(encode(photo(1500, 1000), "PNG"), "big.png")
    assert error.messages == [
        "Зображення 1\u00a0500 × 1\u00a0000 пікселів (1,5 Мп) завелике: найбільше — 1 Мп."
    ]


def test_read_upload_refuses_file_over_size_setting_before_reading_it(settings):
    settings.IMAGES_MAX_UPLOAD_BYTES = 25 * 1024 * 1024
    error = _refusal(b"\xff\xd8\xff" + bytes(50 * 1024 * 1024))
    assert error.code == "too_big"
    assert error.messages == ["Файл завеликий: 50 МБ, найбільше — 25 МБ."]


def test_read_upload_refuses_svg_with_script():
    error = _refusal(SVG_WITH_SCRIPT, "logo.svg")
    assert error.code == "svg"
    assert error.messages[0].startswith("SVG та інші текстові файли не приймаємо")


def test_read_upload_refuses_svg_without_xml_declaration():
    error = _refusal(b'  <svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>')
    assert error.code == "svg"


def test_read_upload_explains_heic_when_pillow_cannot_read_it():
    error = _refusal(HEIC_HEADER, "IMG_0001.HEIC")
    assert error.code == "heic"
    assert "HEIC" in error.messages[0] and "JPEG" in error.messages[0]


def test_read_upload_refuses_other_formats_by_name():
    error = _refusal(encode(photo(64, 64), "GIF"), "a.gif")
    assert error.messages == [
        "Формат GIF не приймаємо. Завантажте фото у форматі JPEG, PNG або WebP."
    ]
