from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from shpalta.core.direct import renders_directly
from shpalta.core.pagecache import page_tags
from shpalta.core.purge import LATEST_TAG, article_tag

from . import selectors
from .article_page import preview_page, stored_article_page
from .models import Author, Section, Tag
from .previews import article_id_from_token


def _page_number(request) -> int:
    """?page=N; anything that is not a positive whole number is simply not a page."""
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or not 0 < int(raw) < 100_000:
        raise Http404("Такої сторінки немає")
    return int(raw)


def front(request):
    return render(request, "news/front.html", {"front": selectors.front_page()})


@renders_directly
def article(request, slug: str):
    try:
        page = stored_article_page(slug)
    except Http404:
        moved_to = selectors.redirect_target(slug)
        if moved_to is None:
            raise
        return redirect(moved_to, permanent=True)
    # «Інші новини» are the latest stories: a new one, or an edit of one shown, refreshes it.
    page_tags(request, LATEST_TAG, *(article_tag(pk) for pk in page.other_news_ids))
    return HttpResponse(page.html(request))


@staff_member_required
def preview(request, token: str):
    pk = article_id_from_token(token)
    if pk is None:
        raise Http404("Посилання на попередній перегляд недійсне або застаріло")
    response = HttpResponse(preview_page(pk).html(request, preview=True))
    response["Cache-Control"] = "private, no-store"
    return response


def section(request, slug: str):
    section = get_object_or_404(Section, slug=slug)
    number = _page_number(request)
    featured = selectors.section_featured(section)
    page = selectors.section_articles(section, number, exclude=[item.pk for item in featured])
    context = {"title": section.name, "subject": section, "page": page, "featured": featured}
    return render(request, "news/list.html", context)


def tag(request, slug: str):
    tag = get_object_or_404(Tag, slug=slug)
    page = selectors.tag_articles(tag, _page_number(request))
    return render(
        request, "news/list.html", {"title": f"Тег: {tag.name}", "subject": tag, "page": page}
    )


def author(request, slug: str):
    author = get_object_or_404(Author, slug=slug)
    page = selectors.author_articles(author, _page_number(request))
    context = {"title": author.name, "subject": author, "page": page, "intro": author.bio}
    return render(request, "news/list.html", context)
