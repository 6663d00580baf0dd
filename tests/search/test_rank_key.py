"""rank_key: the FTS5 rowid and the candidates' order, newest first like (published_at, id)."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shpalta.search.models import rank_key
from shpalta.search.presentation import found_phrase

moments = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31), timezones=st.just(UTC)
)
ids = st.integers(min_value=1, max_value=2**31 - 1)


@given(st.tuples(moments, ids), st.tuples(moments, ids))
def test_rank_keys_sort_like_whole_seconds_then_id(a, b):
    def order(moment, pk):
        return (moment.replace(microsecond=0), pk)

    assert (rank_key(*a) < rank_key(*b)) == (order(*a) < order(*b))
    assert (rank_key(*a) == rank_key(*b)) == (order(*a) == order(*b))


def test_rank_key_fits_a_signed_64_bit_integer_across_the_archive():
    assert rank_key(datetime(2100, 12, 31, 23, 59, 59, tzinfo=UTC), 2**31 - 1) < 2**63
    assert rank_key(datetime(1900, 1, 1, tzinfo=UTC), 1) >= -(2**63)


def test_rank_key_refuses_an_id_that_would_collide():
    with pytest.raises(ValueError, match="rank key"):
        rank_key(datetime(2026, 11, 29, tzinfo=UTC), 2**31)


def test_rank_key_is_the_same_in_any_time_zone():
    moment = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
    kyiv = moment.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Kyiv"))
    assert rank_key(moment, 7) == rank_key(kyiv, 7)
    assert rank_key(moment + timedelta(seconds=1), 1) > rank_key(moment, 2**31 - 1)


@pytest.mark.parametrize(
    ("n", "exact", "phrase"),
    [
        (1, True, "Знайдено 1 матеріал"),
        (3, True, "Знайдено 3 матеріали"),
        (2000, True, "Знайдено 2\u00a0000 матеріалів"),
        (2000, False, "Знайдено понад 2\u00a0000 матеріалів"),
        (21, False, "Знайдено понад 21 матеріал"),
    ],
)
def test_found_phrase(n, exact, phrase):
    assert found_phrase(n, exact) == phrase
