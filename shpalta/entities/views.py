from django.shortcuts import render

from shpalta.news.views import _page_number

from . import selectors


def entity(request, slug: str):
    page = selectors.entity_page(slug, _page_number(request))
    return render(request, "entities/entity.html", {"entity_page": page, "page": page.page})
