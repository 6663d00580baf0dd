"""Deployment checks of our own, run by `shpalta check --deploy` (and so by the systemd unit
before the server starts)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def client_address_source(app_configs, **kwargs):
    """Behind nginx every request comes from nginx's address: without CLIENT_IP_HEADER the
    per-address vote limit would be shared by every reader of the site."""
    if settings.DEV_MODE or settings.CLIENT_IP_HEADER:
        return []
    return [
        Warning(
            "CLIENT_IP_HEADER is not set: every reader would appear to come from the proxy.",
            hint="Behind nginx set CLIENT_IP_HEADER=X-Forwarded-For; app servers that readers "
            "reach directly set CLIENT_IP_HEADER=REMOTE_ADDR.",
            id="shpalta.W001",
        )
    ]
