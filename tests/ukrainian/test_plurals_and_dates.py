from datetime import UTC, datetime

import pytest

from shpalta.ukrainian.dates import format_date, format_datetime, format_decimal
from shpalta.ukrainian.plurals import votes_phrase


@pytest.mark.parametrize(
    ("n", "phrase"),
    [
        (0, "0 голосів"), (1, "1 голос"), (2, "2 голоси"), (4, "4 голоси"), (5, "5 голосів"),
        (11, "11 голосів"), (12, "12 голосів"), (14, "14 голосів"), (21, "21 голос"),
        (22, "22 голоси"), (25, "25 голосів"), (101, "101 голос"), (111, "111 голосів"),
        (112, "112 голосів"), (1001, "1001 голос"), (1024, "1024 голоси"),
    ],
)  # fmt: skip
def test_votes_phrase_uses_all_three_ukrainian_forms(n, phrase):
    assert votes_phrase(n) == phrase


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        # Winter: Kyiv is UTC+2.
        (datetime(2026, 11, 28, 12, 5, tzinfo=UTC), "28 листопада 2026, 14:05"),
        # Summer: UTC+3, and the date rolls over at Kyiv midnight, not UTC's.
        (datetime(2026, 6, 30, 21, 30, tzinfo=UTC), "1 липня 2026, 00:30"),
        (datetime(2027, 1, 1, 0, 0, tzinfo=UTC), "1 січня 2027, 02:00"),
        (datetime(2026, 3, 9, 8, 0, tzinfo=UTC), "9 березня 2026, 10:00"),
    ],
)
def test_format_datetime_in_kyiv_time_with_genitive_month(moment, text):
    assert format_datetime(moment) == text


def test_format_date_every_month_in_genitive():
    months = [format_date(datetime(2026, m, 15, 12, tzinfo=UTC)).split()[1] for m in range(1, 13)]
    assert months == [
        "січня", "лютого", "березня", "квітня", "травня", "червня",
        "липня", "серпня", "вересня", "жовтня", "листопада", "грудня",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "text"),
    [(4.3, "4,3"), (4.25, "4,3"), (4.24, "4,2"), (5, "5,0"), (1.0, "1,0"), (3.95, "4,0")],
)
def test_format_decimal_uses_comma(value, text):
    assert format_decimal(value) == text
