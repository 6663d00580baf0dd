"""Dates as Ukrainian readers write them: "28 листопада 2026, 14:05" (Kyiv time)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

KYIV = ZoneInfo("Europe/Kyiv")
MONTHS_GENITIVE = (
    "січня", "лютого", "березня", "квітня", "травня", "червня",
    "липня", "серпня", "вересня", "жовтня", "листопада", "грудня",
)  # fmt: skip


def to_kyiv(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, KYIV)
    return moment.astimezone(KYIV)


def format_date(moment: datetime) -> str:
    local = to_kyiv(moment)
    return f"{local.day} {MONTHS_GENITIVE[local.month - 1]} {local.year}"


def format_datetime(moment: datetime) -> str:
    local = to_kyiv(moment)
    return f"{format_date(local)}, {local:%H:%M}"


def format_decimal(value: float, places: int = 1) -> str:
    """4.25 → "4,3": the decimal comma, rounded half up as readers expect."""
    scaled = int(value * 10**places + 0.5 + 1e-9)
    whole, frac = divmod(scaled, 10**places)
    return f"{whole},{frac:0{places}d}" if places else str(whole)
