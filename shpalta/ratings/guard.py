"""What stands between a vote request and the vote: the reader's address reduced to a keyed
hash that changes every day, rate limits per reader and per address, and the honeypot."""

import hashlib
import hmac
import logging
import secrets
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from shpalta.core.client_ip import client_ip
from shpalta.core.ratelimit import Limit, rate_limit_hit

HONEYPOT_FIELD = "website"
SALT_LIFETIME = 60 * 60 * 48  # the day's salt outlives the day a little, then is gone for good
_local_salts: dict[date, str] = {}  # only while the shared cache is down
log = logging.getLogger(__name__)


def daily_salt(day: date) -> str:
    """A random salt per calendar day, shared by every app server through the cache and never
    written to the database: once it expires, that day's hashes cannot be linked to addresses
    even by someone holding SECRET_KEY and the database."""
    key = f"vote:ip-salt:{day.isoformat()}"
    try:
        cache.add(key, secrets.token_hex(32), timeout=SALT_LIFETIME)
        salt = cache.get(key)
        if salt is None:  # lost between add and get: a new salt is still a valid one
            salt = secrets.token_hex(32)
            cache.set(key, salt, timeout=SALT_LIFETIME)
        return salt
    except Exception:
        # Redis is down: a salt of this process's own keeps votes flowing; its hashes just
        # do not match other servers' for the outage.
        log.warning("address salt from process: cache unavailable", extra={"event": "cache_down"})
        return _local_salts.setdefault(day, secrets.token_hex(32))


def ip_hash(ip: str, *, day: date | None = None) -> str:
    day = day or timezone.localdate()
    message = f"{daily_salt(day)}|{ip}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return digest[:32]


def request_ip_hash(request) -> str:
    return ip_hash(client_ip(request) or "unknown")


def vote_rate_wait(*, reader: str, address_hash: str) -> int:
    """Count this vote against both limits; seconds to wait if either is exceeded, else 0."""
    waits = [
        rate_limit_hit(key=f"vote:r:{reader}", limit=Limit.parse(settings.VOTE_RATE_READER)),
        rate_limit_hit(key=f"vote:ip:{address_hash}", limit=Limit.parse(settings.VOTE_RATE_IP)),
    ]
    return max(waits)
