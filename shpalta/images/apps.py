from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "shpalta.images"
    label = "images"
    verbose_name = "Фотобібліотека"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # Pillow's own guard (error at twice this) backs up the check in validation.py.
        Image.MAX_IMAGE_PIXELS = settings.IMAGES_MAX_PIXELS
