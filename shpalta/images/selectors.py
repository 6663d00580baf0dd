"""Reads for pages, feeds and structured data: which rendition URLs a photo has, and
how big each one is, computed from the row alone (no storage calls, no queries)."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from .models import Image
from .specs import CROPS, SEARCH_CROP_WIDTH, WIDTHS, Spec, output_size

FALLBACK_WIDTH = 960  # what a browser without srcset support gets


@dataclass(frozen=True)
class Picture:
    alt: str
    src: str
    width: int
    height: int
    jpeg_srcset: str
    webp_srcset: str


@dataclass(frozen=True)
class SocialImage:
    url: str
    width: int
    height: int
    alt: str


def _base(image: Image) -> str:
    return reverse("images:rendition", args=[image.key, "x"])[:-1]


def rendition_url(image: Image, crop: str, width: int, ext: str = "jpg") -> str:
    return _base(image) + Spec.make(crop, width, ext, image.focal).name


def rendition_size(image: Image, crop: str, width: int) -> tuple[int, int]:
    spec = Spec.make(crop, width, "jpg", image.focal)
    return output_size(image.width, image.height, spec, image.focal)


def picture(image: Image, *, crop: str = "w", widths=WIDTHS) -> Picture:
    """srcset candidates in both formats; a width the photo cannot fill is dropped
    rather than upscaled, so the largest candidate is the photo's own width."""
    base, focal = _base(image), image.focal
    candidates: list[tuple[Spec, int, int]] = []
    for width in widths:
        size = output_size(image.width, image.height, Spec.make(crop, width, "jpg", focal), focal)
        if not candidates or size[0] > candidates[-1][1]:
            candidates.append((Spec.make(crop, width, "jpg", focal), *size))
    fallback = next((c for c in reversed(candidates) if c[1] <= FALLBACK_WIDTH), candidates[0])

    def srcset(ext: str) -> str:
        return ", ".join(
            f"{base}{Spec.make(crop, spec.width, ext, focal).name} {w}w"
            for spec, w, _ in candidates
        )

    return Picture(
        alt=image.alt_text,
        src=base + fallback[0].name,
        width=fallback[1],
        height=fallback[2],
        jpeg_srcset=srcset("jpg"),
        webp_srcset=srcset("webp"),
    )


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def social_image(article) -> SocialImage | None:
    """The 1200×630 card for og:image / twitter:image, with its size and alt."""
    image = getattr(article, "lead_image", None)
    if image is None:
        return None
    width, height = rendition_size(image, "og", 1200)
    return SocialImage(absolute(rendition_url(image, "og", 1200)), width, height, image.alt_text)


def social_image_url(article) -> str | None:
    """Absolute URL of the article's 1200×630 social card (OpenGraph, X/Twitter), or None."""
    card = social_image(article)
    return card.url if card else None


def structured_data_image_urls(article) -> list[str]:
    """Absolute URLs of the 16:9, 4:3 and 1:1 crops (≥ 1,200 px wide where the photo
    allows) for schema.org NewsArticle.image, in the order Google lists them."""
    image = getattr(article, "lead_image", None)
    if image is None:
        return []
    crops = [crop for crop in CROPS if crop != "og"]
    return [absolute(rendition_url(image, crop, SEARCH_CROP_WIDTH)) for crop in crops]
