from django.shortcuts import render
from django.utils.http import urlencode

from shpalta.news.selectors import nav_sections

from .forms import SearchForm, page_number
from .selectors import search_articles


def search(request):
    """/search/?q=…&section=…&date_from=…&date_to=…&page=…  Always a page: bad filters are
    form errors, a bad query is a notice, nothing is ever a 500."""
    sections = nav_sections()
    form = SearchForm(request.GET, sections=sections)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        results = search_articles(
            data["q"],
            section=data["section"] or None,
            date_from=data["date_from"],
            date_to=data["date_to"],
            page=page_number(request.GET.get("page")),
        )
    elif form.is_valid():
        results = search_articles("")
    context = {
        "form": form,
        "results": results,
        "query": request.GET.get("q", "").strip(),
        "base_query": _base_query(form),
    }
    return render(request, "search/results.html", context)


def _base_query(form: SearchForm) -> str:
    """The current filters as a query string, for the pagination links."""
    if not form.is_valid():
        return ""
    data = form.cleaned_data
    params = {
        "q": data["q"],
        "section": data["section"],
        "date_from": data["date_from"].isoformat() if data["date_from"] else "",
        "date_to": data["date_to"].isoformat() if data["date_to"] else "",
    }
    return urlencode({k: v for k, v in params.items() if v})
