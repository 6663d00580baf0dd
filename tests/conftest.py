import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache, whichever backend is configured."""
    cache.clear()
    yield
    cache.clear()
