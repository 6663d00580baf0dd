"""Queries per public page on the database in DATABASE_URL, rendered by Django (the page
cache is not involved). Prints JSON: {"article": n, "front": n, "section": n, "tag": n, ...}."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shpalta.settings")


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from shpalta.news.models import Article, Author, Section, Tag

    article = Article.objects.published().order_by("-id")[:1].get()
    pages = {
        "article": article.get_absolute_url(),
        "front": "/",
        "section": Section.objects.first().get_absolute_url(),
        "tag": Tag.objects.first().get_absolute_url(),
        "author": Author.objects.first().get_absolute_url(),
        "ratings": f"/ratings/{article.pk}/",
    }
    client = Client()
    counts = {}
    for name, url in pages.items():
        client.get(url)  # connection set-up and first-time lookups are not the page's cost
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        counts[name] = len(queries) if status == 200 else f"HTTP {status}"
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
