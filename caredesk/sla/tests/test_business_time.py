from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caredesk.sla.business_time import (
    CalendarError,
    CalendarSpec,
    add_business_time,
    business_seconds_between,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
HOUR = 3600
NINE_TO_FIVE = {weekday: [(time(9), time(17))] for weekday in range(5)}
OFFICE = CalendarSpec(timezone=BERLIN, weekly=NINE_TO_FIVE)
SPLIT_SHIFT = CalendarSpec(
    timezone=BERLIN, weekly={d: [(time(9), time(12)), (time(13), time(17))] for d in range(5)}
)


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("spec", "start", "seconds", "due"),
    [
        pytest.param(
            OFFICE,
            berlin(2026, 11, 20, 16),
            2 * HOUR,
            berlin(2026, 11, 23, 10),
            id="friday-over-weekend",
        ),
        pytest.param(
            OFFICE,
            berlin(2026, 11, 21, 12),
            HOUR,
            berlin(2026, 11, 23, 10),
            id="starts-on-saturday",
        ),
        pytest.param(
            OFFICE, berlin(2026, 11, 23, 7), HOUR, berlin(2026, 11, 23, 10), id="before-opening"
        ),
        pytest.param(
            OFFICE, berlin(2026, 11, 23, 18), HOUR, berlin(2026, 11, 24, 10), id="after-closing"
        ),
        pytest.param(OFFICE, berlin(2026, 11, 23, 9), 0, berlin(2026, 11, 23, 9), id="zero-target"),
        pytest.param(
            SPLIT_SHIFT,
            berlin(2026, 11, 23, 11),
            2 * HOUR,
            berlin(2026, 11, 23, 14),
            id="over-lunch-break",
        ),
        pytest.param(
            OFFICE,
            berlin(2026, 11, 23, 9),
            45 * HOUR,
            berlin(2026, 11, 30, 14),
            id="longer-than-a-week",
        ),
        pytest.param(
            CalendarSpec.twenty_four_seven("Europe/Berlin"),
            berlin(2026, 11, 21, 23),
            2 * HOUR,
            berlin(2026, 11, 22, 1),
            id="twenty-four-seven",
        ),
    ],
)
def test_add_business_time_cases(spec, start, seconds, due):
    assert add_business_time(spec, start, seconds) == due


def test_closed_dates_are_skipped():
    christmas = CalendarSpec(
        timezone=BERLIN, weekly=NINE_TO_FIVE, closed_dates=frozenset({date(2026, 12, 25)})
    )

    due = add_business_time(christmas, berlin(2026, 12, 24, 16), 2 * HOUR)

    assert due == berlin(2026, 12, 28, 10)


def test_interval_over_spring_forward_counts_real_hours():
    # 2026-03-08: New York clocks jump from 02:00 to 03:00, so 00:00-06:00 lasts five hours.
    sundays = CalendarSpec(timezone=NEW_YORK, weekly={6: [(time(0), time(6))]})
    start = datetime(2026, 3, 8, 0, tzinfo=NEW_YORK)

    assert (
        business_seconds_between(sundays, start, datetime(2026, 3, 8, 12, tzinfo=NEW_YORK))
        == 5 * HOUR
    )
    assert add_business_time(sundays, start, 5 * HOUR) == datetime(2026, 3, 8, 6, tzinfo=NEW_YORK)


def test_interval_over_fall_back_counts_real_hours():
    # 2026-11-01: New York repeats 01:00-02:00, so 00:00-06:00 lasts seven hours.
    sundays = CalendarSpec(timezone=NEW_YORK, weekly={6: [(time(0), time(6))]})
    start = datetime(2026, 11, 1, 0, tzinfo=NEW_YORK)

    assert (
        business_seconds_between(sundays, start, datetime(2026, 11, 1, 12, tzinfo=NEW_YORK))
        == 7 * HOUR
    )


def test_midnight_close_means_end_of_day():
    evenings = CalendarSpec(timezone=BERLIN, weekly={0: [(time(20), time(0))]})

    assert (
        business_seconds_between(evenings, berlin(2026, 11, 23, 0), berlin(2026, 11, 24, 12))
        == 4 * HOUR
    )


def test_measuring_reaches_an_end_more_local_days_away_than_elapsed_days():
    # Found by the round-trip property: Saturday 23:01 in New York to a Tuesday 00:00:01 window
    # is 50 elapsed days but 52 local dates apart, and the last second was left uncounted.
    spec = CalendarSpec(
        timezone=ZoneInfo("America/New_York"),
        weekly={1: [(time(0), time(1))], 2: [(time(8), time(16))], 5: [(time(0), time(1))]},
    )
    start = datetime(2025, 2, 2, 4, 1, tzinfo=UTC)
    end = datetime(2025, 3, 25, 4, 0, 1, tzinfo=UTC)

    assert (
        business_seconds_between(spec, start, end)
        == business_seconds_between(spec, start, end - timedelta(seconds=1)) + 1
    )


def test_naive_datetimes_are_refused():
    with pytest.raises(CalendarError):
        add_business_time(OFFICE, datetime(2026, 11, 23, 9), HOUR)  # noqa: DTZ001


def test_calendar_without_hours_cannot_reach_a_target():
    with pytest.raises(CalendarError):
        add_business_time(CalendarSpec(timezone=BERLIN), berlin(2026, 11, 23, 9), HOUR)


@pytest.mark.parametrize(
    "weekly",
    [
        {0: [(time(17), time(9))]},
        {0: [(time(9), time(13)), (time(12), time(17))]},
        {7: [(time(9), time(17))]},
    ],
    ids=["closes-before-opening", "overlapping", "bad-weekday"],
)
def test_malformed_hours_are_refused(weekly):
    with pytest.raises(CalendarError):
        CalendarSpec(timezone=BERLIN, weekly=weekly)


zones = st.sampled_from(
    ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]
)
instants = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)
targets = st.integers(min_value=0, max_value=30 * 24 * HOUR)


@st.composite
def calendars(draw):
    weekly = {}
    for weekday in range(7):
        hours = sorted(draw(st.sets(st.integers(min_value=0, max_value=23), max_size=4)))
        weekly[weekday] = [
            (time(h), time(h + 1) if h < 23 else time(0)) for h in hours if h % 2 == 0
        ]
    # Every real calendar opens at least a working day a week; Wednesday keeps that true here.
    weekly[2] = [(time(8), time(16))]
    closed = draw(
        st.sets(st.dates(min_value=date(2025, 1, 1), max_value=date(2029, 6, 30)), max_size=20)
    )
    return CalendarSpec(
        timezone=ZoneInfo(draw(zones)), weekly=weekly, closed_dates=frozenset(closed)
    )


@settings(max_examples=150, deadline=None)
@given(spec=calendars(), start=instants, seconds=targets)
def test_adding_then_measuring_gives_back_the_target(spec, start, seconds):
    due = add_business_time(spec, start, seconds)

    assert due >= start
    assert business_seconds_between(spec, start, due) == pytest.approx(seconds, abs=1e-3)


@settings(max_examples=150, deadline=None)
@given(spec=calendars(), start=instants, first=targets, second=targets)
def test_due_times_are_monotonic(spec, start, first, second):
    low, high = sorted((first, second))

    assert add_business_time(spec, start, low) <= add_business_time(spec, start, high)


@settings(max_examples=150, deadline=None)
@given(spec=calendars(), a=instants, b=instants, c=instants)
def test_business_time_is_additive(spec, a, b, c):
    a, b, c = sorted((a, b, c))

    total = business_seconds_between(spec, a, c)

    assert total == pytest.approx(
        business_seconds_between(spec, a, b) + business_seconds_between(spec, b, c), abs=1e-3
    )
    assert 0 <= total <= (c - a).total_seconds()


@settings(max_examples=100, deadline=None)
@given(zone=zones, start=instants, seconds=targets)
def test_twenty_four_seven_is_wall_clock_time(zone, start, seconds):
    spec = CalendarSpec.twenty_four_seven(zone)

    assert add_business_time(spec, start, seconds) == start + timedelta(seconds=seconds)
