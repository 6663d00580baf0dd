"""The message middleware builds its storage only for requests that use messages."""

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.functional import empty

from shpalta.core.messages import LazyMessageMiddleware

pytestmark = pytest.mark.django_db


def through_middleware(view, cookies=None):
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    request.user = AnonymousUser()
    handler = SessionMiddleware(LazyMessageMiddleware(view))
    return request, handler(request)


def test_a_page_that_never_asks_builds_no_storage_and_sets_no_cookie():
    request, response = through_middleware(lambda request: HttpResponse("Новини"))
    assert request._messages._wrapped is empty
    assert "messages" not in response.cookies


def test_a_message_added_is_shown_on_the_next_request_and_then_gone():
    def save(request):
        messages.success(request, "Статтю «Міст» збережено")
        return HttpResponse(status=302)

    shown = []

    def show(request):
        shown.extend(str(message) for message in get_messages(request))
        return HttpResponse("ok")

    _, saved = through_middleware(save)
    cookie = saved.cookies["messages"].value
    _, after = through_middleware(show, {"messages": cookie})
    assert shown == ["Статтю «Міст» збережено"]
    assert after.cookies["messages"].value == ""  # read once, then cleared


def test_the_admin_still_finds_its_message_middleware():
    from django.core import checks

    errors = [e for e in checks.run_checks() if e.id.startswith("admin.")]
    assert errors == []
