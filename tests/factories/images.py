import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from shpalta.images import services
from shpalta.images.models import Image
from shpalta.images.validation import read_upload
from tests.images.photos import encode, photo


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


class ImageFactory(factory.django.DjangoModelFactory):
    """A library photo made through the same door as an editor's upload."""

    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"Міст через Дніпро, кадр {n}")
    alt_text = "Пішоходи йдуть новим мостом через Дніпро на світанку"
    credit = "Олена Коваленко"
    source = "Укрінформ"

    pixels = (800, 500)
    seed = factory.Sequence(lambda n: n)

    @classmethod
    def _create(cls, model_class, *args, pixels=(800, 500), seed=0, **kwargs):
        data = encode(photo(*pixels, seed=seed), "JPEG", quality=85)
        master = read_upload(upload(data))
        return services.image_create(
            image=model_class(*args, **kwargs),
            master=master,
            original_name="photo.jpg",
            original_bytes=len(data),
        )
