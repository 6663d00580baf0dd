"""Opening what an importer reads: a local file, or a feed's URL."""

import os
import urllib.error
import urllib.request
from contextlib import contextmanager

from .errors import ImportFailed

USER_AGENT = "Shpalta-importer/1.0 (+https://github.com/)"
TIMEOUT_SECONDS = 30


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


@contextmanager
def open_input(location: str):
    """Yields (binary stream, size in bytes or None). The stream is read as it arrives:
    nothing is loaded whole, a URL included."""
    if is_url(location):
        request = urllib.request.Request(location, headers={"User-Agent": USER_AGENT})
        try:
            response = urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS)
        except urllib.error.HTTPError as exc:
            raise ImportFailed(f"Не вдалося завантажити {location}: HTTP {exc.code}.") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ImportFailed(f"Не вдалося завантажити {location}: {reason}.") from None
        with response:
            length = response.headers.get("Content-Length")
            yield response, int(length) if length and length.isdigit() else None
        return
    try:
        handle = open(location, "rb")  # noqa: SIM115  (closed by the with below)
    except OSError as exc:
        raise ImportFailed(f"Не вдалося відкрити файл {location}: {exc.strerror}.") from None
    with handle:
        yield handle, os.fstat(handle.fileno()).st_size
