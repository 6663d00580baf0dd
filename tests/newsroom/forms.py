"""Filling the article admin form the way a browser does: open the page, change, post."""

from django.utils import timezone

from shpalta.ukrainian.dates import to_kyiv


def change_url(article) -> str:
    return f"/admin/news/article/{article.pk}/change/"


def opened_form(client, article) -> dict:
    """GET the change page (as an editor opening it) and return what the form would post."""
    response = client.get(change_url(article))
    assert response.status_code == 200, response.status_code
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if name == "published_at":
            local = to_kyiv(value) if value else None
            data["published_at_0"] = f"{local:%d.%m.%Y}" if local else ""
            data["published_at_1"] = f"{local:%H:%M:%S}" if local else ""
        elif name == "image":
            continue
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


def now_local_fields(moment=None) -> dict:
    local = to_kyiv(moment or timezone.now())
    return {"published_at_0": f"{local:%d.%m.%Y}", "published_at_1": f"{local:%H:%M:%S}"}
