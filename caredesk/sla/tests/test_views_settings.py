"""Admins' screens for business calendars and SLA policies: every error on its field, nothing saved."""

from datetime import date

import pytest
from django.urls import reverse

from caredesk.sla.models import BusinessCalendar, ClosedDate, SlaPolicy

pytestmark = pytest.mark.django_db

SETTINGS = reverse("web:sla_settings")
NEW_CALENDAR = reverse("web:sla_calendar_new")
NEW_POLICY = reverse("web:sla_policy_new")
WEEKDAY_FIELDS = [f"weekly_hours_{day}" for day in range(7)]


def calendar_post(**changes):
    data = {
        "name": "Munich office",
        "timezone": "Europe/Berlin",
        "weekly_hours_0": "09:00-12:00, 13:00-17:00",
        "weekly_hours_1": "9:00-17:00",
        "weekly_hours_2": "09:00-17:00",
        "weekly_hours_3": "09:00-17:00",
        "weekly_hours_4": "09:00-15:00",
        "weekly_hours_5": "",
        "weekly_hours_6": "",
        "holiday_country": "de",
        "holiday_subdivision": "by",
        "closed_dates": "2026-12-24 Christmas Eve\n2026-12-31 New Year's Eve",
    }
    data.update(changes)
    return data


def policy_post(**changes):
    data = {
        "name": "Gold",
        "position": "0",
        "is_active": "on",
        "priority": ["high", "urgent"],
        "channel": ["email"],
        "vip": "yes",
        "first_response_amount": "30",
        "first_response_unit": "minutes",
        "resolution_amount": "8",
        "resolution_unit": "hours",
        "resolution_business_hours": "on",
        "next_response_unit": "hours",
        "periodic_update_unit": "hours",
        "pause_statuses": ["pending"],
        "warn_at_percent": "80",
    }
    data.update(changes)
    return data


def stored():
    return (
        list(BusinessCalendar.objects.values()),
        list(ClosedDate.objects.values()),
        list(SlaPolicy.objects.values()),
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [("agent", 403), ("supervisor", 403), ("admin", 200), ("customer", 302), ("anonymous", 302)],
)
@pytest.mark.parametrize("url", [SETTINGS, NEW_CALENDAR, NEW_POLICY])
def test_only_admins_open_the_screens(client_as, url, role, status):
    response = client_as(role).get(url)

    assert response.status_code == status
    if status == 403:
        assert "Only admins may change these settings." in response.text


@pytest.mark.parametrize("role", ["agent", "supervisor", "customer", "anonymous"])
def test_nobody_else_saves_anything(client_as, office_calendar, role):
    client = client_as(role)
    before = stored()

    client.post(NEW_CALENDAR, calendar_post())
    client.post(NEW_POLICY, policy_post())
    client.post(reverse("web:sla_calendar", args=[office_calendar.pk]), calendar_post())

    assert stored() == before


def test_list_shows_policies_in_order_and_calendars(admin_client, standard_policy, urgent_policy):
    response = admin_client.get(SETTINGS)

    assert [policy.name for policy in response.context["policies"]] == ["Urgent", "Standard"]
    assert "priority: urgent" in response.text
    assert "Berlin office" in response.text
    assert "DE" in response.text


def test_admin_creates_a_calendar_with_split_hours_holidays_and_closed_days(admin_client):
    response = admin_client.post(NEW_CALENDAR, calendar_post())

    assert response["Location"] == SETTINGS
    calendar = BusinessCalendar.objects.get(name="Munich office")
    assert calendar.weekly_hours == {
        "0": [["09:00", "12:00"], ["13:00", "17:00"]],
        "1": [["09:00", "17:00"]],
        "2": [["09:00", "17:00"]],
        "3": [["09:00", "17:00"]],
        "4": [["09:00", "15:00"]],
    }
    assert (calendar.timezone, calendar.holiday_country, calendar.holiday_subdivision) == (
        "Europe/Berlin",
        "DE",
        "BY",
    )
    assert list(calendar.closed_dates.values_list("date", "name")) == [
        (date(2026, 12, 24), "Christmas Eve"),
        (date(2026, 12, 31), "New Year's Eve"),
    ]


def test_edit_form_shows_the_grid_and_saves_changes(admin_client, office_calendar):
    url = reverse("web:sla_calendar", args=[office_calendar.pk])

    shown = admin_client.get(url)
    admin_client.post(url, calendar_post(name="Berlin office", closed_dates=""))

    assert 'name="weekly_hours_0" value="09:00-17:00"' in shown.text
    assert 'name="weekly_hours_5"' in shown.text
    assert '<label for="id_weekly_hours_0">Monday</label>' in shown.text
    office_calendar.refresh_from_db()
    assert office_calendar.weekly_hours["0"] == [["09:00", "12:00"], ["13:00", "17:00"]]
    assert office_calendar.holiday_subdivision == "BY"


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    [
        pytest.param(
            {"weekly_hours_0": "nine to five"},
            422,
            "Weekly hours: Monday: write the hours like 09:00-12:00, 13:00-17:00",
            id="hours-syntax",
        ),
        pytest.param(
            {"weekly_hours_2": "25:00-26:00"},
            422,
            "Weekly hours: Wednesday: &#x27;25:00&#x27; is not a time like 09:30.",
            id="hours-not-a-time",
        ),
        pytest.param(
            {"weekly_hours_0": "09:00-13:00, 12:00-17:00"},
            422,
            "Weekly hours: intervals overlap on weekday 0",
            id="hours-overlap",
        ),
        pytest.param(
            {f: "" for f in WEEKDAY_FIELDS},
            422,
            "Weekly hours: A calendar needs opening hours unless it is always open.",
            id="no-hours",
        ),
        pytest.param(
            {"timezone": "Mars/Olympus"},
            422,
            "Time zone: Unknown time zone &#x27;Mars/Olympus&#x27;.",
            id="time-zone",
        ),
        pytest.param(
            {"holiday_country": "XX", "holiday_subdivision": ""},
            422,
            "Public holidays of country: No holiday list for &#x27;XX&#x27;/&#x27;&#x27;.",
            id="holiday-country",
        ),
        pytest.param(
            {"closed_dates": "2026-12-24 Christmas Eve\n24.12. Oops"},
            422,
            "Other closed days: Line 2: &#x27;24.12.&#x27; is not a date like 2026-12-24.",
            id="closed-date",
        ),
        pytest.param(
            {"name": "berlin OFFICE"},
            409,
            "Name: A calendar named &#x27;berlin OFFICE&#x27; exists already.",
            id="duplicate-name",
        ),
        pytest.param({"name": ""}, 422, "Name: This field is required.", id="no-name"),
    ],
)
def test_calendar_errors_are_shown_on_their_field_and_nothing_is_saved(
    admin_client, office_calendar, changes, status, message
):
    before = stored()

    response = admin_client.post(NEW_CALENDAR, calendar_post(**changes))

    assert response.status_code == status
    assert message in response.text
    assert stored() == before


def test_admin_creates_a_policy_with_conditions_and_targets(admin_client, office_calendar):
    response = admin_client.post(NEW_POLICY, policy_post(calendar=office_calendar.pk))

    assert response["Location"] == SETTINGS
    policy = SlaPolicy.objects.get(name="Gold")
    assert policy.conditions == {"priority": ["high", "urgent"], "channel": ["email"], "vip": True}
    assert (policy.first_response_minutes, policy.first_response_business_hours) == (30, False)
    assert (policy.resolution_minutes, policy.resolution_business_hours) == (480, True)
    assert policy.next_response_minutes is None
    assert (policy.calendar, policy.pause_statuses, policy.warn_at_percent) == (
        office_calendar,
        ["pending"],
        80,
    )


def test_policy_edit_form_shows_hours_and_saves(admin_client, standard_policy):
    url = reverse("web:sla_policy", args=[standard_policy.pk])

    shown = admin_client.get(url)
    admin_client.post(url, policy_post(name="Standard", first_response_amount="90"))

    assert 'name="first_response_amount" value="2"' in shown.text
    standard_policy.refresh_from_db()
    assert standard_policy.first_response_minutes == 90
    assert standard_policy.calendar is None


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    [
        pytest.param(
            {"warn_at_percent": "100"},
            422,
            "Warn at (percent of the target used): Warn between 1 and 99 percent of the target.",
            id="warn-percent",
        ),
        pytest.param(
            {"first_response_amount": "-5"},
            422,
            "First response target: Targets are whole minutes above zero.",
            id="negative-target",
        ),
        pytest.param(
            {"resolution_amount": "soon"},
            422,
            "Resolution target: Enter a whole number.",
            id="target-not-a-number",
        ),
        pytest.param(
            {"priority": ["critical"]},
            422,
            "Priority is any of: Select a valid choice. critical is not one of the available choices.",
            id="unknown-priority",
        ),
        pytest.param(
            {"name": "STANDARD"},
            409,
            "Name: A policy named &#x27;STANDARD&#x27; exists already.",
            id="duplicate-name",
        ),
        pytest.param(
            {"pause_statuses": ["solved"]},
            422,
            "Clocks pause while the status is: Select a valid choice.",
            id="pause-on-solved",
        ),
    ],
)
def test_policy_errors_are_shown_on_their_field_and_nothing_is_saved(
    admin_client, standard_policy, changes, status, message
):
    before = stored()

    response = admin_client.post(NEW_POLICY, policy_post(**changes))

    assert response.status_code == status
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    assert stored() == before


def test_refused_edit_keeps_the_stored_values_and_title(
    admin_client, standard_policy, urgent_policy
):
    url = reverse("web:sla_policy", args=[standard_policy.pk])
    before = stored()

    response = admin_client.post(url, policy_post(name="Urgent"))

    assert response.status_code == 409
    assert "<h1>Policy Standard</h1>" in response.text
    assert stored() == before


def test_unknown_calendar_or_policy_is_not_found(admin_client):
    assert admin_client.get(reverse("web:sla_calendar", args=[999])).status_code == 404
    assert admin_client.get(reverse("web:sla_policy", args=[999])).status_code == 404
