"""What renditions exist and how big they are. Names are deterministic: the name alone
(with the master) says exactly what to build, and only names listed here are built, so a
visitor cannot make us render arbitrary sizes."""

import re
from dataclasses import dataclass

WIDTHS = (320, 640, 960, 1280, 1920)
SEARCH_CROP_WIDTH = 1200  # Google asks for 16:9, 4:3 and 1:1 at least 1,200 px wide
CROPS = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1), "og": (1200, 630)}
SOCIAL = (1200, 630)
EXTENSIONS = ("jpg", "webp")
CONTENT_TYPES = {"jpg": "image/jpeg", "webp": "image/webp"}

_NAME = re.compile(
    r"^(?P<crop>w|16x9|4x3|1x1|og)-(?P<width>\d{3,4})"
    r"(?:-f(?P<fx>\d{1,4})-(?P<fy>\d{1,4}))?\.(?P<ext>jpg|webp)$"
)


def allowed_widths(crop: str) -> tuple[int, ...]:
    if crop == "og":
        return (SOCIAL[0],)
    if crop == "w":
        return WIDTHS
    return (*WIDTHS, SEARCH_CROP_WIDTH)


@dataclass(frozen=True)
class Spec:
    crop: str  # "w" keeps the photo's own proportions
    width: int
    ext: str
    focal: tuple[int, int] | None = None  # per mille of width and height; crops only

    @property
    def name(self) -> str:
        focal = f"-f{self.focal[0]}-{self.focal[1]}" if self.crop != "w" else ""
        return f"{self.crop}-{self.width}{focal}.{self.ext}"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.ext]

    @classmethod
    def make(cls, crop: str, width: int, ext: str, focal: tuple[int, int]) -> "Spec":
        return cls(crop, width, ext, None if crop == "w" else focal)

    @classmethod
    def parse(cls, name: str) -> "Spec | None":
        match = _NAME.match(name)
        if not match:
            return None
        crop, width, ext = match["crop"], int(match["width"]), match["ext"]
        if width not in allowed_widths(crop) or (crop == "w") != (match["fx"] is None):
            return None
        focal = None if crop == "w" else (int(match["fx"]), int(match["fy"]))
        if focal and not all(0 <= v <= 1000 for v in focal):
            return None
        return cls(crop, width, ext, focal)


def crop_box(width: int, height: int, spec: Spec, focal: tuple[int, int]):
    """The largest box of the crop's proportions that keeps the focal point as near its
    centre as the edges allow."""
    if spec.crop == "w":
        return (0, 0, width, height)
    rw, rh = CROPS[spec.crop]
    if width * rh > height * rw:  # wider than the crop: cut the sides
        box_w, box_h = max(1, round(height * rw / rh)), height
    else:
        box_w, box_h = width, max(1, round(width * rh / rw))
    cx, cy = width * focal[0] / 1000, height * focal[1] / 1000
    left = min(max(0, round(cx - box_w / 2)), width - box_w)
    top = min(max(0, round(cy - box_h / 2)), height - box_h)
    return (left, top, left + box_w, top + box_h)


def output_size(width: int, height: int, spec: Spec, focal: tuple[int, int]):
    """Never upscaled, except the social card, which networks want at exactly 1200×630."""
    if spec.crop == "og":
        return SOCIAL
    left, top, right, bottom = crop_box(width, height, spec, focal)
    box_w, box_h = right - left, bottom - top
    out_w = min(spec.width, box_w)
    if spec.crop == "w":
        return (out_w, max(1, round(box_h * out_w / box_w)))
    rw, rh = CROPS[spec.crop]
    return (out_w, max(1, round(out_w * rh / rw)))
