import pytest
from hypothesis import given
from hypothesis import strategies as st

from shpalta.images.specs import CROPS, Spec, allowed_widths, crop_box, output_size


def test_spec_name_round_trips_for_every_allowed_rendition():
    for crop in ("w", *CROPS):
        for width in allowed_widths(crop):
            for ext in ("jpg", "webp"):
                spec = Spec.make(crop, width, ext, (250, 750))
                assert Spec.parse(spec.name) == spec


@pytest.mark.parametrize(
    "name",
    [
        "w-500.jpg",  # not a listed width: no arbitrary sizes on demand
        "og-640-f500-500.jpg",
        "w-640-f500-500.jpg",  # plain widths carry no focal point
        "16x9-1200.jpg",  # crops must say their focal point
        "16x9-1200-f1001-500.jpg",
        "w-640.png",
        "../w-640.jpg",
        "w-640.jpg/..",
    ],
)
def test_spec_parse_refuses_names_we_never_make(name):
    assert Spec.parse(name) is None


def test_crop_box_keeps_focal_point_in_view_on_wide_photo():
    spec = Spec.make("1x1", 1200, "jpg", (900, 500))
    assert crop_box(3000, 1000, spec, (900, 500)) == (2000, 0, 3000, 1000)
    assert crop_box(3000, 1000, spec, (500, 500)) == (1000, 0, 2000, 1000)
    assert crop_box(3000, 1000, spec, (0, 0)) == (0, 0, 1000, 1000)


def test_crop_box_cuts_top_and_bottom_of_tall_photo_around_focal_point():
    spec = Spec.make("16x9", 1200, "jpg", (500, 200))
    assert crop_box(1600, 2400, spec, (500, 200)) == (0, 30, 1600, 930)


def test_output_size_never_upscales_plain_widths():
    spec = Spec.make("w", 1920, "jpg", (500, 500))
    assert output_size(1000, 750, spec, (500, 500)) == (1000, 750)
    assert output_size(4000, 3000, spec, (500, 500)) == (1920, 1440)


def test_output_size_social_card_is_always_1200_by_630():
    spec = Spec.make("og", 1200, "jpg", (500, 500))
    assert output_size(640, 480, spec, (500, 500)) == (1200, 630)
    assert output_size(6000, 4000, spec, (500, 500)) == (1200, 630)


def test_search_crops_are_1200_wide_when_photo_allows():
    focal = (500, 500)
    sizes = {
        crop: output_size(6000, 4000, Spec.make(crop, 1200, "jpg", focal), focal)
        for crop in ("16x9", "4x3", "1x1")
    }
    assert sizes == {"16x9": (1200, 675), "4x3": (1200, 900), "1x1": (1200, 1200)}


@given(
    width=st.integers(1, 9000),
    height=st.integers(1, 9000),
    fx=st.integers(0, 1000),
    fy=st.integers(0, 1000),
    crop=st.sampled_from(list(CROPS)),
)
def test_crop_box_always_inside_photo(width, height, fx, fy, crop):
    left, top, right, bottom = crop_box(
        width, height, Spec.make(crop, 1200, "jpg", (fx, fy)), (fx, fy)
    )
    assert 0 <= left < right <= width
    assert 0 <= top < bottom <= height
