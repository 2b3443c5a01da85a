"""Time for spaced review: UTC in the store, the learner's local time on screen, and a clock
that tests and notebooks can fix or move (`Clock`), so weeks pass without sleeping."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Callable, Union

Clock = Callable[[], datetime]
ClockLike = Union[Clock, datetime, str, None]


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


def to_utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one is read as the machine's local time."""
    aware = moment if moment.tzinfo is not None else moment.astimezone()
    return aware.astimezone(timezone.utc)


def parse_moment(text: str) -> datetime:
    """An ISO 8601 time (`2026-03-09T09:00Z`, `2026-03-09 10:00+01:00`, `2026-03-09`) in UTC;
    without an offset it is local time. Raises ValueError for anything else."""
    cleaned = text.strip()
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    return to_utc(datetime.fromisoformat(cleaned))


def as_clock(value: ClockLike) -> Clock:
    """A clock from a callable, a fixed moment (datetime or ISO text), or None (the real time)."""
    if value is None:
        return system_clock
    if isinstance(value, (datetime, str)):
        fixed = to_utc(value) if isinstance(value, datetime) else parse_moment(value)
        return lambda: fixed
    return lambda: to_utc(value())


def from_seconds(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


def seconds(moment: datetime) -> float:
    return to_utc(moment).timestamp()


def local_day(moment: datetime) -> date:
    """The calendar day in the learner's (the machine's) local time."""
    return to_utc(moment).astimezone().date()
