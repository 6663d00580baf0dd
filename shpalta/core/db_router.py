"""Primary + read replica. Readers' page views read from the replica; writes, reads made
while a write transaction is open (so a service sees its own writes), and whole requests
that write or edit (POST and friends, the admin, previews) stay on the primary, so an editor
never sees a page older than the save they just made. Enabled only when
DATABASE_REPLICA_URL is set."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connections

PRIMARY, REPLICA = "default", "replica"
_pinned = ContextVar("shpalta_db_pinned_to_primary", default=False)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
PRIMARY_PATHS = ("/admin/", "/preview/")


@contextmanager
def primary_only():
    token = _pinned.set(True)
    try:
        yield
    finally:
        _pinned.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if _pinned.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary: objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class PrimaryForEditorsMiddleware:
    """Requests that change things, and everything editors do, read from the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS or request.path.startswith(PRIMARY_PATHS):
            with primary_only():
                return self.get_response(request)
        return self.get_response(request)
