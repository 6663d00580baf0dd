import pytest
from django.core.management import call_command

from shpalta.news.demo import load_content
from shpalta.news.models import Article, Section
from shpalta.ratings.models import ArticleRating, Vote

pytestmark = pytest.mark.django_db


def test_demo_content_is_a_real_newsroom():
    content = load_content()
    published = [a for a in content["articles"] if a["status"] == "published"]
    assert len(published) >= 40
    assert len({a["section"] for a in published}) >= 5
    assert sum(1 for a in content["articles"] if a.get("top_story")) == 1
    assert any(a.get("sources") for a in published)
    assert {a["status"] for a in content["articles"]} == {"published", "draft", "scheduled"}


def test_demo_command_loads_twice_without_duplicates(capsys):
    call_command("demo")
    first = (Article.objects.count(), Vote.objects.count(), Section.objects.count())
    call_command("demo")
    out = capsys.readouterr().out
    assert (Article.objects.count(), Vote.objects.count(), Section.objects.count()) == first
    assert "логін: redaktor" in out
    assert Article.objects.published().count() >= 40
    for rating in ArticleRating.objects.all():
        assert rating.votes_count == Vote.objects.filter(article_id=rating.article_id).count()


def test_demo_front_and_article_pages_render(client):
    call_command("demo", "--no-editor")
    assert client.get("/").status_code == 200
    for article in Article.objects.published()[:10]:
        assert client.get(article.get_absolute_url()).status_code == 200
