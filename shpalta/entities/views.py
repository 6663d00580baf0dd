from django.shortcuts import render

from shpalta.news.views import _page_number

from . import selectors
from .purge import tag_entity_page


def entity(request, slug: str):
    page = selectors.entity_page(slug, _page_number(request))
    tag_entity_page(request, [item.pk for item in page.page.items])
    return render(request, "entities/entity.html", {"entity_page": page, "page": page.page})
