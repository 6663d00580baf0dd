import pytest
from django.test import Client


@pytest.fixture
def client_factory():
    """A fresh browser each call: its own cookie jar, so its own reader."""
    return Client
