"""Pure Pillow work, no Django: turn an upload into a clean master and a master into
renditions. Every output is a function of (master bytes, spec), so any app server can
rebuild any rendition and get the same file."""

import io
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps

from .specs import Spec, crop_box, output_size

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
MASTER_JPEG_QUALITY = 95


@dataclass(frozen=True)
class Master:
    """The photo as we keep it: upright, sRGB, no metadata at all (no GPS, no camera serial)."""

    data: bytes
    format: str  # "JPEG" or "PNG"
    width: int
    height: int

    @property
    def extension(self) -> str:
        return "jpg" if self.format == "JPEG" else "png"


def _has_alpha(im: Image.Image) -> bool:
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        alpha = im.convert("RGBA").getchannel("A")
        return alpha.getextrema()[0] < 255
    return False


def to_srgb(im: Image.Image) -> Image.Image:
    """Convert through the embedded ICC profile; an image without one is taken as sRGB,
    which is what browsers assume. A broken profile is ignored rather than fatal."""
    alpha = _has_alpha(im)
    target_mode = "RGBA" if alpha else "RGB"
    icc = im.info.get("icc_profile")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if im.mode not in ("RGB", "RGBA", "CMYK", "L"):
                im = im.convert(target_mode)
            if im.mode == "RGBA" and not alpha:
                im = im.convert("RGB")
            return ImageCms.profileToProfile(im, source, SRGB, outputMode=target_mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    return im.convert(target_mode) if im.mode != target_mode else im


def make_master(im: Image.Image) -> Master:
    """`im` is opened and fully loaded. EXIF orientation is applied to the pixels, the
    colour is converted to sRGB, and the file is written without EXIF, XMP, ICC or
    comments: the original as uploaded is never stored."""
    ImageOps.exif_transpose(im, in_place=True)
    clean = to_srgb(im)
    clean.info = {}  # savers fall back to info for comments, ICC and EXIF: empty it
    if hasattr(clean, "_exif"):
        clean._exif = None
    out = io.BytesIO()
    if clean.mode == "RGBA":
        clean.save(out, "PNG", compress_level=6)
        fmt = "PNG"
    else:
        clean.save(out, "JPEG", quality=MASTER_JPEG_QUALITY, subsampling=0, optimize=True)
        fmt = "JPEG"
    return Master(data=out.getvalue(), format=fmt, width=clean.width, height=clean.height)


def _decode_for(fp, spec: Spec, focal: tuple[int, int]) -> Image.Image:
    """Decode just enough of the master: a JPEG is decoded at 1/2, 1/4 or 1/8 scale
    (DCT scaling) when the rendition is that much smaller, which is most of the speed."""
    im = Image.open(fp)
    full_w, full_h = im.size
    left, top, right, bottom = crop_box(full_w, full_h, spec, focal)
    out_w, out_h = output_size(full_w, full_h, spec, focal)
    if im.format == "JPEG":
        need_w = -(-full_w * out_w // (right - left))
        need_h = -(-full_h * out_h // (bottom - top))
        im.draft("RGB", (need_w, need_h))
    sx, sy = im.width / full_w, im.height / full_h
    box = (left * sx, top * sy, right * sx, bottom * sy)
    return im.resize((out_w, out_h), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def render(fp, spec: Spec, *, focal: tuple[int, int], jpeg_quality: int, webp_quality: int):
    """Bytes of one rendition of the master in `fp`."""
    im = _decode_for(fp, spec, focal)
    if spec.ext == "jpg" and im.mode != "RGB":
        flat = Image.new("RGB", im.size, (255, 255, 255))
        flat.paste(im, mask=im.getchannel("A") if im.mode == "RGBA" else None)
        im = flat
    im.info = {}  # resize copies info; nothing from the master travels on
    out = io.BytesIO()
    if spec.ext == "webp":
        im.save(out, "WEBP", quality=webp_quality, method=4)
    else:
        im.save(out, "JPEG", quality=jpeg_quality, optimize=True, progressive=True)
    return out.getvalue()
