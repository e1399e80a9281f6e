"""Business-time arithmetic: how much working time lies between two instants, and when a target
expressed in working time falls due.

Pure functions over a ``CalendarSpec`` (time zone, weekly opening intervals, closed dates), so the
rules are tested without a database. Opening intervals are wall-clock times in the calendar's zone;
every length is measured in real elapsed seconds (UTC), so a shift spanning a DST change counts the
hour it really had.
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Beyond this a target is a configuration error (e.g. a calendar with no opening hours at all).
MAX_SEARCH_DAYS = 3 * 366

Interval = tuple[time, time]


class CalendarError(ValueError):
    pass


@dataclass(frozen=True)
class CalendarSpec:
    """``weekly[0]`` is Monday's list of (open, close) wall-clock intervals; ``close`` of
    ``time(0)`` means midnight at the end of the day. ``always_open`` ignores hours and holidays."""

    timezone: ZoneInfo
    weekly: Mapping[int, Sequence[Interval]] = field(default_factory=dict)
    closed_dates: frozenset[date] = frozenset()
    always_open: bool = False

    def __post_init__(self) -> None:
        for weekday, intervals in self.weekly.items():
            if weekday not in range(7):
                raise CalendarError(f"weekday must be 0 (Monday) to 6, got {weekday}")
            ordered = sorted(intervals)
            for opens, closes in ordered:
                if closes != time(0) and closes <= opens:
                    raise CalendarError(f"interval {opens}-{closes} closes before it opens")
            for (_, first_close), (second_open, _) in zip(ordered, ordered[1:], strict=False):
                if first_close == time(0) or second_open < first_close:
                    raise CalendarError(f"intervals overlap on weekday {weekday}")

    @classmethod
    def twenty_four_seven(cls, timezone: str = "UTC") -> "CalendarSpec":
        return cls(timezone=ZoneInfo(timezone), always_open=True)


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise CalendarError("business-time arithmetic needs timezone-aware datetimes")
    return moment.astimezone(UTC)


def _local_instant(day: date, wall: time, zone: ZoneInfo) -> datetime:
    # A wall time inside a spring-forward gap resolves with the pre-transition offset; converting
    # to UTC then gives a real instant, and interval lengths stay the real elapsed time.
    return datetime.combine(day, wall, tzinfo=zone).astimezone(UTC)


def _open_periods(
    spec: CalendarSpec, start: datetime, days: int
) -> Iterator[tuple[datetime, datetime]]:
    """Opening periods in UTC, in order, over ``days`` local days from the one holding ``start``."""
    day = start.astimezone(spec.timezone).date()
    for _ in range(days):
        if day not in spec.closed_dates:
            for opens, closes in sorted(spec.weekly.get(day.weekday(), ())):
                begin = _local_instant(day, opens, spec.timezone)
                end_day = day + timedelta(days=1) if closes == time(0) else day
                end = _local_instant(end_day, closes, spec.timezone)
                if end > begin:
                    yield begin, end
        day += timedelta(days=1)


def business_seconds_between(spec: CalendarSpec, start: datetime, end: datetime) -> float:
    """Working seconds in [start, end); zero when ``end`` is not after ``start``."""
    start, end = _as_utc(start), _as_utc(end)
    if end <= start:
        return 0.0
    if spec.always_open:
        return (end - start).total_seconds()
    # Count local days, not elapsed ones: a start late in its local day and an end early in its
    # own can be one more calendar day apart than the elapsed days say.
    zone = spec.timezone
    days = (end.astimezone(zone).date() - start.astimezone(zone).date()).days + 1
    total = 0.0
    for begin, finish in _open_periods(spec, start, days):
        if begin >= end:
            break
        overlap = (min(finish, end) - max(begin, start)).total_seconds()
        if overlap > 0:
            total += overlap
    return total


def add_business_time(spec: CalendarSpec, start: datetime, seconds: float) -> datetime:
    """The instant at which ``seconds`` of working time after ``start`` have elapsed (UTC)."""
    if seconds < 0:
        raise CalendarError("a target cannot be negative")
    start = _as_utc(start)
    if spec.always_open:
        return start + timedelta(seconds=seconds)
    remaining = seconds
    for begin, finish in _open_periods(spec, start, MAX_SEARCH_DAYS):
        if finish <= start:
            continue
        period_start = max(begin, start)
        available = (finish - period_start).total_seconds()
        if remaining <= available:
            return period_start + timedelta(seconds=remaining)
        remaining -= available
    raise CalendarError(f"no opening hours within {MAX_SEARCH_DAYS} days of {start.isoformat()}")
