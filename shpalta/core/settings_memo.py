"""Values computed from settings on hot paths, kept until the settings change."""

import functools

from django.core.signals import setting_changed


def read_once(function):
    """`functools.cache`, emptied when a setting changes (tests, override_settings): for
    settings read several times a page-cache miss, where a missing one costs an exception
    inside Django's settings each time."""
    cached = functools.cache(function)
    setting_changed.connect(lambda **kwargs: cached.cache_clear(), weak=False)
    return cached
