"""bench/vote_load.py, smaller: many readers at once against a real server process."""

import pytest

from bench.vote_load import run_burst

pytestmark = pytest.mark.slow


def test_concurrent_votes_totals_equal_rows_and_duplicates_change(server_database, free_ports):
    check = run_burst(server_database, port=free_ports(1)[0], readers=60, votes_each=4)
    assert check.statuses == {200: 240}
    assert check.rows == 180  # 3 distinct articles per reader
    assert (check.created, check.changed) == (180, 60)
    assert check.mismatched_totals == []
    assert check.lost == []


def test_kill_9_mid_burst_keeps_every_acknowledged_vote(server_database, free_ports):
    check = run_burst(server_database, port=free_ports(1)[0], readers=60, votes_each=4, kill=True)
    assert 80 <= check.acknowledged < 240
    assert check.lost == []
    assert check.mismatched_totals == []
    # Votes in flight at the kill may have landed without an answer, never the reverse.
    assert check.rows >= check.acknowledged_pairs > 0
    assert check.served_after_restart is True
