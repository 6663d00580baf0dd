"""Django's message middleware, with the storage made only when something asks for it."""

from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty


class LazyMessageMiddleware(MessageMiddleware):
    """A reader's page never shows or adds a message, yet Django builds the message storage
    (a cookie store, a session store, their signer) for every request that misses the page
    cache. Here it is built when a view adds a message or a template reads them (the
    editor's admin), and the response is left alone otherwise, as Django's storage would
    leave it (nothing used, nothing added: nothing stored)."""

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response
        return super().process_response(request, response)
