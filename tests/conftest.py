import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache, whichever backend is configured."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shared_data():
    """The real-data folder (../shared/data); skips the test when it is missing."""
    from tests.shared_data import require_shared_data

    return require_shared_data()
