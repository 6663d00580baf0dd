"""The editor's rich-text field really works in the admin under its Content-Security-Policy."""

import pytest
from django.contrib.auth import get_user_model

from shpalta.news.models import Article
from tests.factories.news import SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_prose_editor_loads_and_saves_under_csp(live_server, new_page):
    get_user_model().objects.create_superuser("redaktor", "r@example.org", "dovhyi-parol-2026")
    section = SectionFactory(name="Політика", slug="polityka")
    page = new_page()
    blocked = []
    page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
    page.goto(live_server.url + "/admin/login/?next=/admin/news/article/add/")
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", "dovhyi-parol-2026")
    page.click("input[type=submit]")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.wait_for()
    page.fill("#id_headline", "Редакція перевірила візуальний редактор")
    page.select_option("#id_section", str(section.pk))
    page.select_option("#id_status", "draft")
    editor.click()
    page.keyboard.type("Перший абзац тексту.")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/news/article/")
    assert blocked == []
    assert page.errors == []
    article = Article.objects.get()
    assert "Перший абзац тексту." in article.body
    assert article.body.startswith("<p>")
