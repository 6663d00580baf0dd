"""Who is acting right now. The article_changed signal carries no user, so the admin sets
it here for the length of a request and the revision receiver reads it."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user: object | None
    note: str = ""


_current: ContextVar[Actor | None] = ContextVar("newsroom_actor", default=None)


@contextmanager
def acting_as(user, note: str = ""):
    token = _current.set(Actor(user=user, note=note))
    try:
        yield
    finally:
        _current.reset(token)


def current_actor() -> Actor:
    return _current.get() or Actor(user=None)
