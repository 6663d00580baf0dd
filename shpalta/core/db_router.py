"""Primary + read replica. Public reads go to the replica; writes, and every read made while
a write transaction is open on the primary (so a service sees its own writes), stay on the
primary. Enabled only when DATABASE_REPLICA_URL is set."""

from django.db import connections

PRIMARY, REPLICA = "default", "replica"


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary: objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
