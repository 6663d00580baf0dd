"""The public addresses do not shadow one another: each named pattern, reversed with
sample arguments, resolves back to its own route and view, and no route is registered
twice (the news pages are tried first, for speed). The API names each method of one
route apart (GET and PUT of an article): there the route's first view answers them all."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

SAMPLES = {"int": 7, "slug": "kyiv-mist", "string": "token-1", "path": "a/b"}
API = "api-v1:"


def named_patterns(resolver: URLResolver, namespace: str = "", prefix: str = ""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace != "admin":
                yield from named_patterns(pattern, inner, route)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, (route, pattern.callback, pattern.pattern.converters)


def sample_kwargs(converters) -> dict:
    return {name: SAMPLES[type(c).__name__.removesuffix("Converter").lower()]
            for name, c in converters.items()}  # fmt: skip


IN_ORDER = list(named_patterns(get_resolver()))
PATTERNS = sorted(dict(IN_ORDER).items())
FIRST_VIEW = {}
for _name, (_route, _view, _converters) in IN_ORDER:
    FIRST_VIEW.setdefault(_route, _view)


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_each_public_address_resolves_to_its_own_route(name, pattern):
    route, view, converters = pattern
    found = resolve(reverse(name, kwargs=sample_kwargs(converters)))
    assert found.route == route
    assert found.func == (FIRST_VIEW[route] if name.startswith(API) else view)


def test_no_route_is_registered_twice_outside_the_api():
    routes = [route for name, (route, _v, _c) in IN_ORDER if not name.startswith(API)]
    assert len(routes) == len(set(routes))
    assert "news/<slug:slug>/" in routes
