from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from caredesk.sla.calendars import is_open_at
from caredesk.tickets import business_hours

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (datetime(2026, 11, 9, 10, tzinfo=BERLIN), True),  # Monday morning
        (datetime(2026, 11, 9, 17, tzinfo=BERLIN), False),  # Monday, at closing time
        (datetime(2026, 11, 7, 12, tzinfo=BERLIN), False),  # Saturday
        (datetime(2026, 12, 25, 10, tzinfo=BERLIN), False),  # Christmas Day, a Friday
    ],
)
def test_the_default_calendar_says_whether_the_team_works(office_calendar, moment, is_open):
    assert is_open_at(moment) is is_open
    assert business_hours.is_open_at(moment) is is_open


@pytest.mark.django_db
def test_without_a_calendar_the_team_is_always_open():
    assert business_hours.is_open_at(datetime(2026, 11, 7, 3, tzinfo=BERLIN)) is True
