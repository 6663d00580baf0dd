import pytest

from shpalta.entities import services
from shpalta.ukrainian import morphology


@pytest.fixture(autouse=True)
def _forget_taught_forms():
    """Entities teach search their declined forms (process-wide); tests elsewhere must not
    see the forms of entities created here."""
    yield
    morphology.clear_extra_forms()
    services._taught_version = None
