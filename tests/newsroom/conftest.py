from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

# 14:00 in Kyiv on 28 November 2026 (UTC+2): the newsroom's moving clock starts here.
KYIV_14_00 = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    """The clock, and only the clock: tests move it with clock.shift() / clock.move_to()."""
    with time_machine.travel(KYIV_14_00, tick=False) as traveller:
        yield traveller


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
