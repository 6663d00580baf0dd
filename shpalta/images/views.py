from django.http import FileResponse, Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from .models import Image
from .renditions import rendition_ensure
from .specs import Spec
from .storage import image_storage, rendition_name

IMMUTABLE = "public, max-age=31536000, immutable"


def _serve(name: str, spec: Spec) -> FileResponse:
    response = FileResponse(image_storage().open(name, "rb"), content_type=spec.content_type)
    response["Cache-Control"] = IMMUTABLE  # the URL names the exact bytes: content hash + spec
    return response


@require_safe
def rendition(request, key: str, name: str):
    """A rendition by its deterministic name; built on the first request for it."""
    spec = Spec.parse(name)
    if spec is None or not key.isalnum() or len(key) > 24:
        raise Http404("Такого розміру фото немає")
    stored = rendition_name(key, spec)
    if image_storage().exists(stored):
        return _serve(stored, spec)
    image = Image.objects.filter(key=key).only("key", "file", "focal_x", "focal_y").first()
    if image is None:
        raise Http404("Фото не знайдено")
    if spec.focal is not None and spec.focal != image.focal:
        # A page cached before the editor moved the focal point: send it to the new cut.
        current = Spec.make(spec.crop, spec.width, spec.ext, image.focal)
        return HttpResponsePermanentRedirect(reverse("images:rendition", args=[key, current.name]))
    return _serve(rendition_ensure(key=key, master=image.file.name, spec=spec), spec)
