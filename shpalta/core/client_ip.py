"""The reader's address as the app server learns it. Behind nginx the socket peer is nginx
itself, so the address comes from the header nginx sets (settings.CLIENT_IP_HEADER); the
header is trusted only when configured, because anyone can send it to a bare app server."""

import ipaddress

from django.conf import settings


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """None when the request carries no usable address (e.g. a login made inside a test)."""
    header = settings.CLIENT_IP_HEADER
    if header and header != "REMOTE_ADDR":  # REMOTE_ADDR: readers reach us directly
        # X-Forwarded-For may be a chain; the proxy we trust appended the last hop.
        forwarded = _valid(request.headers.get(header, "").split(",")[-1])
        if forwarded:
            return forwarded
    return _valid(request.META.get("REMOTE_ADDR") or "")
