"""Photo pipeline benchmark: how fast renditions are made from a 24-megapixel photo, and
how many bytes a phone downloads for an article page with its lead photo, ours beside
serving the uploaded original.

    .venv/bin/python bench/image_speed.py [--runs 3] [--port 8201]

Everything is synthetic and local: the photo is generated (gradients, shapes and sensor
noise, so it compresses like a real one), the database and media live in a temporary
folder, the page is served on 127.0.0.1 and loaded by Debian's /usr/bin/chromium.
"""

import argparse
import io
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="shpalta-bench-images-"))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "shpalta.settings",
        "SHPALTA_VAR_DIR": str(WORK),
        "MEDIA_ROOT": str(WORK / "media"),
        "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
        "LOG_LEVEL": "WARNING",
    }
)
os.environ.pop("REDIS_URL", None)
os.environ.pop("IMAGES_S3_BUCKET", None)
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", message="No directory at")  # collectstatic not run here

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter, JpegImagePlugin  # noqa: E402

from shpalta.images import processing, services  # noqa: E402
from shpalta.images.models import Image as LibraryImage  # noqa: E402
from shpalta.images.specs import CROPS, SEARCH_CROP_WIDTH, WIDTHS, Spec  # noqa: E402
from shpalta.images.validation import read_upload  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEVICES = [
    ("phone 390×844 @3x", {"width": 390, "height": 844}, 3),
    ("phone 390×844 @2x", {"width": 390, "height": 844}, 2),
    ("desktop 1440×900 @1x", {"width": 1440, "height": 900}, 1),
]


def synthetic_photo(width: int = 6000, height: int = 4000, seed: int = 24) -> bytes:
    """A 24 Mpx camera-like JPEG. Not pretty, but it compresses like a busy news photo
    (a street, a crowd): detail at every scale from thousands of shapes, lens softness,
    textured noise at several scales and sensor grain. Smooth gradients alone would
    flatter the renditions (a 1280 px WebP of a few KB)."""
    rng = random.Random(seed)
    sky = Image.linear_gradient("L").resize((width, height))
    channels = (lambda v: 70 + v // 3, lambda v: 120 + v // 4, lambda v: 210 - v // 5)
    im = Image.merge("RGB", [sky.point(f) for f in channels])
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(80, 95, 50))
    for _ in range(6000):
        x, y = rng.randrange(width), rng.randrange(height // 4, height)
        size = int(rng.paretovariate(1.2) * 6)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x, y, x + size, y + size * rng.uniform(0.5, 3)), fill=colour)
    im = im.filter(ImageFilter.GaussianBlur(1.2))
    layers = [
        Image.effect_noise((width // f, height // f), 40).resize((width, height), Image.BICUBIC)
        for f in (32, 8, 2)
    ]
    im = Image.blend(im, Image.merge("RGB", layers), 0.18)
    im = Image.blend(im, Image.effect_noise((width, height), 20).convert("RGB"), 0.06)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=92)  # what a camera or phone writes
    return out.getvalue()


def all_specs(focal=(500, 500)) -> list[Spec]:
    plain = [Spec.make("w", w, ext, focal) for w in WIDTHS for ext in ("jpg", "webp")]
    crops = [
        Spec.make(crop, SEARCH_CROP_WIDTH if crop != "og" else 1200, ext, focal)
        for crop in CROPS
        for ext in ("jpg", "webp")
    ]
    return plain + crops


def render(master_bytes: bytes, spec: Spec) -> bytes:
    return processing.render(
        io.BytesIO(master_bytes),
        spec,
        focal=spec.focal or (500, 500),
        jpeg_quality=settings.IMAGES_JPEG_QUALITY,
        webp_quality=settings.IMAGES_WEBP_QUALITY,
    )


def _cpu_seconds(fn) -> tuple[float, float, object]:
    """CPU time of this process (robust on a shared, loaded machine) and wall time."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def time_renditions(master_bytes: bytes, runs: int) -> dict:
    """Each run makes the full set twice, spec by spec interleaved: with reduced JPEG
    decoding (what we ship) and with it switched off (decoding the master in full), so
    load from other work on the machine falls on both alike."""
    specs, sizes = all_specs(), {}
    totals = {"ours": [], "full_decode": [], "ours_wall": []}
    original_draft = JpegImagePlugin.JpegImageFile.draft
    for _ in range(runs):
        ours = full = wall = 0.0
        for spec in specs:
            cpu, elapsed, data = _cpu_seconds(lambda spec=spec: render(master_bytes, spec))
            ours, wall, sizes[spec.name] = ours + cpu, wall + elapsed, len(data)
            JpegImagePlugin.JpegImageFile.draft = lambda self, mode, size: None
            try:
                full += _cpu_seconds(lambda spec=spec: render(master_bytes, spec))[0]
            finally:
                JpegImagePlugin.JpegImageFile.draft = original_draft
        totals["ours"].append(ours)
        totals["full_decode"].append(full)
        totals["ours_wall"].append(wall)
    return {key: statistics.median(values) for key, values in totals.items()} | {"sizes": sizes}


def make_article(original: bytes):
    from shpalta.news import services as news_services
    from shpalta.news.models import Article, Section

    call_command("migrate", verbosity=0)
    master = read_upload(SimpleUploadedFile("camera.jpg", original, content_type="image/jpeg"))
    image = services.image_create(
        image=LibraryImage(title="Майдан", alt_text="Люди на майдані ввечері", credit="Редакція"),
        master=master,
        original_bytes=len(original),
    )
    section = Section.objects.create(name="Київ", slug="kyiv")
    article = Article(
        headline="Київ відзначив День міста",
        lede="Тисячі людей вийшли на вулиці столиці.",
        body="<p>" + "Святкування тривало до пізнього вечора. " * 40 + "</p>",
        section=section,
        status=Article.Status.PUBLISHED,
        lead_image=image,
    )
    return news_services.article_save(article=article), image


def serve(port: int):
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from whitenoise import WhiteNoise

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    app = WhiteNoise(WSGIHandler())
    app.add_files(str(ROOT / "shpalta" / "static"), prefix="static/")
    server = ThreadedWSGIServer(("127.0.0.1", port), Quiet)
    server.set_app(app)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def phone_bytes(url: str, runs: int) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for label, viewport, dpr in DEVICES:
            samples = []
            for _ in range(runs):
                context = browser.new_context(viewport=viewport, device_scale_factor=dpr)
                page = context.new_page()
                got: dict[str, int] = {}
                page.on("response", lambda r, got=got: got.__setitem__(r.url, len(r.body())))
                page.goto(url, wait_until="load")
                chosen = page.locator(".lead-image img").evaluate("img => img.currentSrc")
                context.close()
                html = got[url]
                photo = sum(n for u, n in got.items() if "/foto/" in u)
                everything = sum(got.values())
                samples.append((html, photo, everything, chosen.rsplit("/", 1)[-1]))
            html, photo, everything, chosen = samples[len(samples) // 2]
            results[label] = {"html": html, "photo": photo, "all": everything, "chosen": chosen}
        browser.close()
    return results


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB".replace(",", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8201)
    args = parser.parse_args()

    print(f"# image_speed — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"Python {platform.python_version()}, Pillow {Image.__version__}, {os.cpu_count()} cores")
    original = synthetic_photo()
    print(f"original: 6000×4000 synthetic JPEG q92, {kb(len(original))}")

    upload = [
        _cpu_seconds(lambda: read_upload(SimpleUploadedFile("camera.jpg", original)))
        for _ in range(args.runs)
    ]
    master = upload[0][2]
    print(
        "upload check + clean master (decode, sRGB, strip, re-encode): median "
        f"{statistics.median(u[0] for u in upload):.2f} s CPU "
        f"({statistics.median(u[1] for u in upload):.2f} s wall); master {kb(len(master.data))}"
    )

    timing = time_renditions(master.data, args.runs)
    sizes, count = timing["sizes"], len(all_specs())
    print(
        f"full set of {count} renditions (5 widths + 3 search crops + social card, JPEG and "
        f"WebP each), median of {args.runs}: {timing['ours']:.2f} s CPU = "
        f"{count / timing['ours']:.1f} renditions/s per core ({timing['ours_wall']:.2f} s wall); "
        f"decoding the master in full instead: {timing['full_decode']:.2f} s CPU = "
        f"{count / timing['full_decode']:.1f}/s"
    )
    print("rendition bytes:")
    for name, size in sizes.items():
        print(f"  {name:24} {kb(size):>8}")

    if not os.path.exists(CHROMIUM):
        print("Chromium is not installed at /usr/bin/chromium: page bytes not measured")
        return
    article, _ = make_article(original)
    server = serve(args.port)
    try:
        url = f"http://127.0.0.1:{args.port}{article.get_absolute_url()}"
        results = phone_bytes(url, args.runs)
    finally:
        server.shutdown()
    print("article page, HTML + lead photo (uncompressed HTML; CSS/JS excluded):")
    print("| device | photo fetched | ours | serving the original | ratio |")
    print("| --- | --- | --- | --- | --- |")
    for label, r in results.items():
        ours = r["html"] + r["photo"]
        theirs = r["html"] + len(original)
        ratio = f"{theirs / ours:.1f}× less"
        print(f"| {label} | {r['chosen']} | {kb(ours)} | {kb(theirs)} | {ratio} |")


if __name__ == "__main__":
    main()
