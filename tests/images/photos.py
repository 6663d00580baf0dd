"""Synthetic photos made on the spot: photo-like pixels (gradients and noise, which
compress like a real photo), and the bad files editors and attackers send."""

import io
import struct
import zlib

from PIL import Image, ImageCms, ImageDraw


def photo(width: int = 1600, height: int = 1000, *, seed: int = 1) -> Image.Image:
    """A gradient sky, a darker ground, a few shapes and sensor-like noise."""
    sky = Image.linear_gradient("L").resize((width, height))
    rgb = Image.merge("RGB", (sky.point(lambda v: 60 + v // 3), sky.point(lambda v: 110 + v // 4),
                              sky.point(lambda v: 200 - v // 5)))  # fmt: skip
    draw = ImageDraw.Draw(rgb)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(70, 90, 40))
    draw.ellipse((width // 5, height // 4, width // 5 + height // 3, height // 4 + height // 3),
                 fill=(230, 190, 60))  # fmt: skip
    noise = Image.effect_noise((width, height), 24 + seed % 7).convert("RGB")
    return Image.blend(rgb, noise, 0.12)


def encode(im: Image.Image, fmt: str = "JPEG", **options) -> bytes:
    out = io.BytesIO()
    im.save(out, fmt, **options)
    return out.getvalue()


def jpeg(width: int = 1600, height: int = 1000, **options) -> bytes:
    return encode(photo(width, height), "JPEG", quality=90, **options)


def exif_with_gps_and_orientation(orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "CameraMaker"
    exif[0x0110] = "SecretCam 3000"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (50.0, 27.0, 0.0), 3: "E", 4: (30.0, 31.0, 0.0)})  # Kyiv
    return exif.tobytes()


def srgb_profile_bytes() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def red_blue_swapped_profile() -> bytes:
    """An RGB profile whose red primary is sRGB's blue and vice versa: pure (255, 0, 0)
    in a photo tagged with it is really blue. Only a real colour conversion gets it right."""
    data = bytearray(srgb_profile_bytes())
    (count,) = struct.unpack(">I", data[128:132])
    entries = {}
    for i in range(count):
        at = 132 + 12 * i
        entries[bytes(data[at : at + 4])] = at
    r_at, b_at = entries[b"rXYZ"], entries[b"bXYZ"]
    data[r_at + 4 : r_at + 12], data[b_at + 4 : b_at + 12] = (
        data[b_at + 4 : b_at + 12],
        data[r_at + 4 : r_at + 12],
    )
    data[84:100] = bytes(16)  # the profile ID (an MD5) no longer matches: clear it
    return bytes(data)


def png_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A tiny valid-looking PNG that claims to be width × height pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + bytes(width * 3)
    idat = zlib.compress(row * 16, 9)  # the first rows only: nobody should get this far
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
    b"<script>fetch('/admin/').then(r => r.text()).then(alert)</script>"
    b'<rect width="100" height="100" fill="red"/></svg>'
)

HEIC_HEADER = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200)
