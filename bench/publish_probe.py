"""Edit a story here, time until another app server shows it. Prints a JSON list of seconds.

publish_probe.py http://127.0.0.1:8135 5
"""

import json
import os
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shpalta.settings")


def page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def main() -> None:
    import django

    django.setup()
    from shpalta.news import services
    from shpalta.news.models import Article

    base, trials = sys.argv[1], int(sys.argv[2])
    article = Article.objects.published().order_by("-published_at")[:1].get()
    url = base + article.get_absolute_url()
    seconds = []
    for trial in range(trials):
        for _ in range(3):
            page(url)  # the second server now has it in its shared and local copies
        time.sleep(0.3)
        headline = f"Синтетична новина, перевірка публікації {time.time_ns()}"
        article = Article.objects.get(pk=article.pk)
        article.headline = headline
        services.article_save(article=article)  # commits; the purge runs on commit
        committed = time.monotonic()
        while headline not in page(url):
            if time.monotonic() - committed > 10:
                raise SystemExit(f"trial {trial}: not visible after 10 s")
            time.sleep(0.01)
        seconds.append(round(time.monotonic() - committed, 3))
    print(json.dumps(seconds))


if __name__ == "__main__":
    main()
