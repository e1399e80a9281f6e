"""Turning a stored ``BusinessCalendar`` into the ``CalendarSpec`` the arithmetic works on."""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from caredesk.core.errors import ValidationFailed
from caredesk.sla.business_time import (
    CalendarError,
    CalendarSpec,
    Interval,
    business_seconds_between,
)
from caredesk.sla.models import BusinessCalendar

# Holidays are looked up for this many years around today, enough for any realistic target.
HOLIDAY_YEARS_BACK = 1
HOLIDAY_YEARS_AHEAD = 3
TWENTY_FOUR_SEVEN = CalendarSpec.twenty_four_seven()


def parse_wall_time(text: str, *, field: str) -> time:
    if text == "24:00":
        return time(0)
    try:
        return time.fromisoformat(text)
    except (TypeError, ValueError) as error:
        raise ValidationFailed(f"{text!r} is not a time like 09:30.", field=field) from error


def parse_weekly_hours(raw: Any) -> dict[int, list[Interval]]:
    """Validate the stored or submitted form: {"0": [["09:00", "17:00"]], ...}."""
    if not isinstance(raw, dict):
        raise ValidationFailed(
            "Weekly hours must map weekdays 0-6 to intervals.", field="weekly_hours"
        )
    weekly: dict[int, list[Interval]] = {}
    for key, intervals in raw.items():
        field = f"weekly_hours.{key}"
        if str(key) not in {str(day) for day in range(7)}:
            raise ValidationFailed("Weekdays are 0 (Monday) to 6 (Sunday).", field=field)
        if not isinstance(intervals, list) or not all(
            isinstance(pair, list | tuple) and len(pair) == 2 for pair in intervals
        ):
            raise ValidationFailed(
                'Each day holds a list of ["HH:MM", "HH:MM"] pairs.', field=field
            )
        weekly[int(key)] = [
            (parse_wall_time(opens, field=field), parse_wall_time(closes, field=field))
            for opens, closes in intervals
        ]
    return weekly


def check_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationFailed(f"Unknown time zone {name!r}.", field="timezone") from error


def public_holidays(country: str, subdivision: str, around: date) -> frozenset[date]:
    if not country:
        return frozenset()
    years = range(around.year - HOLIDAY_YEARS_BACK, around.year + HOLIDAY_YEARS_AHEAD + 1)
    try:
        found = holidays.country_holidays(country, subdiv=subdivision or None, years=years)
    except NotImplementedError as error:
        raise ValidationFailed(
            f"No holiday list for {country!r}/{subdivision!r}.", field="holiday_country"
        ) from error
    return frozenset(found.keys())


@lru_cache(maxsize=256)
def _cached_spec(calendar_id: int, updated_at: str, today: date) -> CalendarSpec:
    calendar = BusinessCalendar.objects.get(pk=calendar_id)
    return build_spec(calendar, today=today)


def build_spec(calendar: BusinessCalendar, *, today: date) -> CalendarSpec:
    zone = check_timezone(calendar.timezone)
    if calendar.always_open:
        return CalendarSpec(timezone=zone, always_open=True)
    closed = public_holidays(calendar.holiday_country, calendar.holiday_subdivision, today)
    closed |= frozenset(calendar.closed_dates.values_list("date", flat=True))
    try:
        return CalendarSpec(
            timezone=zone, weekly=parse_weekly_hours(calendar.weekly_hours), closed_dates=closed
        )
    except CalendarError as error:
        raise ValidationFailed(str(error), field="weekly_hours") from error


def spec_for(calendar: BusinessCalendar | None, *, today: date) -> CalendarSpec:
    """The calendar's spec, cached per process until the calendar is edited (``updated_at``)."""
    if calendar is None:
        return TWENTY_FOUR_SEVEN
    return _cached_spec(calendar.pk, calendar.updated_at.isoformat(), today)


def is_open_at(moment: datetime) -> bool:
    """Whether the default business calendar is open at ``moment`` (no calendar: always open).

    Live chat asks this (through ``tickets.business_hours``) before queueing a chat for a person.
    """
    calendar = BusinessCalendar.objects.filter(is_default=True).first()
    spec = spec_for(calendar, today=moment.date())
    return business_seconds_between(spec, moment, moment + timedelta(seconds=1)) > 0
