"""Page-cache misses answered by the view alone, without Django's handler around it.

On an article miss, Django's handler, its twelve middleware and their signals cost about
as much CPU as the view itself (docs/benchmarks.md). A view marked `@renders_directly`
makes its cacheable answers (200, with no header of its own but the Content-Type) the
same for every anonymous reader, so the page cache calls it directly on a miss and gives
its answer the headers Django's middleware gave that view's last such answer under the
same scheme (HSTS, for one, is sent on https only). Until Django has answered the view
once in this process and scheme, and for anything else the view answers (a redirect, a
404, an error), the request goes through Django as before: the middleware's behaviour is
never copied by hand, only observed.
"""

import logging

from django.core import signals
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest, get_script_name
from django.core.signals import setting_changed
from django.http import Http404
from django.urls import Resolver404, get_resolver, set_script_prefix

from .pages import Rendered

logger = logging.getLogger(__name__)

MARK = "page_cache_renders_directly"
# What a marked view may set itself; everything else comes from the middleware.
VIEW_HEADERS = {"content-type"}


def renders_directly(view):
    """Mark a view whose 200 answers carry no header but the Content-Type (see above)."""
    setattr(view, MARK, True)
    return view


class DirectRenders:
    def __init__(self, handler: WSGIHandler):
        self.handler = handler
        # (view, scheme) -> the headers of Django's last 200 for it, Content-Length aside.
        self.learned: dict[tuple, list[tuple[str, str]]] = {}
        setting_changed.connect(self._forget)  # tests: override_settings; gone with self

    def _forget(self, **kwargs) -> None:
        self.learned.clear()

    def route(self, environ, scheme: str):
        """The marked view that answers this address, with its arguments, or None."""
        try:
            match = get_resolver().resolve(environ.get("PATH_INFO") or "/")
        except Resolver404:
            return None
        if not getattr(match.func, MARK, False):
            return None
        return match.func, scheme, match.args, match.kwargs

    def render(self, route, environ) -> Rendered | None:
        """The view's answer with the learned headers; None when Django must answer."""
        view, scheme, args, kwargs = route
        headers = self.learned.get((view, scheme))
        if headers is None:
            return None
        set_script_prefix(get_script_name(environ))
        signals.request_started.send(sender=self.handler.__class__, environ=environ)
        try:
            response = view(WSGIRequest(environ), *args, **kwargs)
        except Http404:
            return None
        except Exception:
            logger.debug("direct render failed; Django answers", exc_info=True)
            return None
        finally:
            signals.request_finished.send(sender=self.handler.__class__)
        if response.status_code != 200 or {k.lower() for k in response.headers} != VIEW_HEADERS:
            return None
        if response["Content-Type"] != _content_type(headers):
            return None
        body = response.content
        return Rendered("200 OK", [*headers, ("Content-Length", str(len(body)))], body)

    def learn(self, route, rendered: Rendered) -> None:
        """Keep the headers of Django's answer of a marked view, once the page cache has
        found it the same for every reader (a 200 it stores: no cookie, nothing private)."""
        view, scheme, _args, _kwargs = route
        kept = [(k, v) for k, v in rendered.headers if k.lower() != "content-length"]
        self.learned[(view, scheme)] = kept


def _content_type(headers: list[tuple[str, str]]) -> str | None:
    return next((v for k, v in headers if k.lower() == "content-type"), None)
