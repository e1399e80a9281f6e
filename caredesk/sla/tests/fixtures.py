import pytest

from caredesk.sla.models import BusinessCalendar, SlaPolicy

OFFICE_HOURS = {str(day): [["09:00", "17:00"]] for day in range(5)}


@pytest.fixture
def office_calendar(db):
    """Berlin office hours, Monday to Friday 09:00-17:00, German public holidays."""
    return BusinessCalendar.objects.create(
        name="Berlin office",
        timezone="Europe/Berlin",
        weekly_hours=OFFICE_HOURS,
        holiday_country="DE",
        is_default=True,
    )


@pytest.fixture
def standard_policy(office_calendar):
    return SlaPolicy.objects.create(
        name="Standard",
        position=10,
        calendar=office_calendar,
        first_response_minutes=120,
        next_response_minutes=120,
        periodic_update_minutes=480,
        resolution_minutes=8 * 60,
    )


@pytest.fixture
def urgent_policy(office_calendar):
    """Urgent tickets: wall-clock targets, around the clock."""
    return SlaPolicy.objects.create(
        name="Urgent",
        position=1,
        conditions={"priority": ["urgent"]},
        calendar=office_calendar,
        first_response_minutes=30,
        first_response_business_hours=False,
        resolution_minutes=4 * 60,
        resolution_business_hours=False,
    )
