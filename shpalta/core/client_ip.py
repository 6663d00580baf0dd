"""The reader's address as the app server learns it. Behind nginx the socket peer is nginx
itself, so the address comes from the header nginx sets (settings.CLIENT_IP_HEADER); the
header is trusted only when configured, because anyone can send it to a bare app server."""

from django.conf import settings


def client_ip(request) -> str:
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.headers.get(header, "")
        # X-Forwarded-For may be a chain; the proxy we trust appended the last hop.
        candidate = value.split(",")[-1].strip()
        if candidate:
            return candidate
    return request.META.get("REMOTE_ADDR", "") or "unknown"
