"""Casting a vote the way a browser does: the first POST of a new reader is answered 307
with the reader cookie, and the browser repeats it."""

JSON = {"HTTP_ACCEPT": "application/json"}


def vote_url(article) -> str:
    return f"/ratings/{article.pk}/vote/"


def cast(client, article, stars, **extra):
    data = {"stars": str(stars), **extra.pop("data", {})}
    response = client.post(vote_url(article), data, **JSON, **extra)
    if response.status_code == 307:
        response = client.post(response["Location"], data, **JSON, **extra)
    return response
