"""URL slugs in KMU-2010 transliteration (Resolution No. 55 of the Cabinet of Ministers)."""

import re

from django.utils.text import slugify
from translitua import translit

from .text import normalize

MAX_SLUG_LENGTH = 80
_SEPARATORS = re.compile(r"[/\\|]+")


def slugify_uk(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """«Умєров: Південна Корея — «ув’язнені»» → 'umierov-pivdenna-koreia-uviazneni'.

    Apostrophes are removed before transliteration (KMU-2010 drops them), and slashes
    become spaces so that "Київ/Kyiv" does not run together.
    """
    text = normalize(text).replace("'", "")
    text = _SEPARATORS.sub(" ", text)
    slug = slugify(translit(text))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")
