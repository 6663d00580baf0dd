import io

from PIL import Image

from shpalta.images import processing
from shpalta.images.specs import Spec
from shpalta.images.validation import read_upload
from tests.factories.images import upload
from tests.images.photos import (
    encode,
    exif_with_gps_and_orientation,
    photo,
    red_blue_swapped_profile,
    srgb_profile_bytes,
)


def _open(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


def _render(master, spec: Spec) -> Image.Image:
    data = processing.render(
        io.BytesIO(master.data),
        spec,
        focal=spec.focal or (500, 500),
        jpeg_quality=80,
        webp_quality=78,
    )
    return _open(data)


def test_master_applies_exif_orientation_to_pixels():
    # A camera held upright stores landscape pixels plus "rotate 90°" (Orientation 6).
    data = encode(photo(400, 200), "JPEG", exif=exif_with_gps_and_orientation(6))
    master = read_upload(upload(data))
    assert (master.width, master.height) == (200, 400)
    assert _open(master.data).size == (200, 400)


def test_master_and_renditions_carry_no_metadata_at_all():
    data = encode(
        photo(800, 600),
        "JPEG",
        exif=exif_with_gps_and_orientation(1),
        icc_profile=srgb_profile_bytes(),
        comment=b"shot at home",
    )
    assert _open(data).getexif().get_ifd(0x8825)  # the upload does carry GPS
    master = read_upload(upload(data))
    for im in (
        _open(master.data),
        _render(master, Spec.make("w", 640, "jpg", (500, 500))),
        _render(master, Spec.make("w", 640, "webp", (500, 500))),
        _render(master, Spec.make("og", 1200, "jpg", (500, 500))),
    ):
        assert len(im.getexif()) == 0
        assert {"exif", "icc_profile", "xmp", "comment", "gps"} & set(im.info) == set()


def test_master_converts_colour_profile_to_srgb():
    pure_red = Image.new("RGB", (64, 64), (255, 0, 0))
    data = encode(pure_red, "PNG", icc_profile=red_blue_swapped_profile())
    master = read_upload(upload(data, "red.png", "image/png"))
    r, g, b = _open(master.data).getpixel((32, 32))
    assert b > 200 and r < 60, (r, g, b)  # the tagged "red" really was blue


def test_master_without_profile_keeps_its_colours():
    data = encode(Image.new("RGB", (64, 64), (200, 30, 40)), "PNG")
    master = read_upload(upload(data, "flat.png", "image/png"))
    assert master.format == "JPEG"
    assert all(
        abs(a - b) <= 3
        for a, b in zip(_open(master.data).getpixel((5, 5)), (200, 30, 40), strict=True)
    )


def test_cmyk_jpeg_becomes_rgb_master():
    data = encode(photo(300, 200).convert("CMYK"), "JPEG")
    master = read_upload(upload(data))
    assert _open(master.data).mode == "RGB"


def test_transparent_png_keeps_alpha_in_master_and_webp_flattens_in_jpeg():
    logo = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    logo.paste((0, 90, 200, 255), (100, 100, 300, 200))
    master = read_upload(upload(encode(logo, "PNG"), "logo.png", "image/png"))
    assert master.format == "PNG"
    webp = _render(master, Spec.make("w", 320, "webp", (500, 500)))
    jpeg = _render(master, Spec.make("w", 320, "jpg", (500, 500)))
    assert webp.mode == "RGBA" and webp.getpixel((2, 2))[3] == 0
    assert jpeg.mode == "RGB" and jpeg.getpixel((2, 2)) == (255, 255, 255)


def test_rendition_is_deterministic():
    master = read_upload(upload(encode(photo(2400, 1600), "JPEG", quality=90)))
    spec = Spec.make("16x9", 1200, "webp", (300, 700))
    one = processing.render(
        io.BytesIO(master.data), spec, focal=spec.focal, jpeg_quality=80, webp_quality=78
    )
    two = processing.render(
        io.BytesIO(master.data), spec, focal=spec.focal, jpeg_quality=80, webp_quality=78
    )
    assert one == two


def test_crop_follows_focal_point():
    # Left half black, right half white: a 1:1 crop around a focal point on the right is white.
    im = Image.new("RGB", (2000, 1000), (0, 0, 0))
    im.paste((255, 255, 255), (1000, 0, 2000, 1000))
    master = read_upload(upload(encode(im, "PNG"), "halves.png", "image/png"))
    right = _render(master, Spec.make("1x1", 320, "jpg", (950, 500)))
    left = _render(master, Spec.make("1x1", 320, "jpg", (50, 500)))
    assert right.size == (320, 320)
    assert right.convert("L").getextrema()[0] > 240
    assert left.convert("L").getextrema()[1] < 15


def test_large_jpeg_rendition_has_exact_size_after_reduced_decode():
    master = read_upload(upload(encode(photo(6000, 4000), "JPEG", quality=85)))
    for crop, width, size in (
        ("w", 320, (320, 213)),
        ("4x3", 1200, (1200, 900)),
        ("og", 1200, (1200, 630)),
    ):
        assert _render(master, Spec.make(crop, width, "jpg", (500, 500))).size == size
