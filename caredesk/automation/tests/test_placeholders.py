from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from caredesk.automation.placeholders import PLACEHOLDERS, placeholders_in, render_placeholders
from caredesk.core import clock
from caredesk.core.errors import ValidationFailed
from caredesk.tickets.tests.factories import make_ticket

FRIDAY_4PM_BERLIN = datetime(2026, 11, 20, 16, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{customer.preferred_name}}", "Cora"),
        ("{{customer.name}}", "Cora Customer"),
        ("{{ticket.subject}}", "Help with my order"),
        ("{{agent.name}}", "Ana Agent"),
        ("{{agent.first_name}}", "Ana"),
        ("{{team.name}}", "Support"),
        ("Hi {{ customer.preferred_name }}!", "Hi Cora!"),
    ],
)
def test_each_placeholder_renders_its_value(ticket, agent, text, expected):
    assert render_placeholders(text, ticket=ticket, agent=agent) == expected


def test_ticket_number_is_the_id(ticket):
    assert render_placeholders("#{{ticket.number}}", ticket=ticket) == f"#{ticket.pk}"


def test_preferred_name_falls_back_to_the_first_name(other_ticket):
    assert render_placeholders("{{customer.preferred_name}}", ticket=other_ticket) == "Sid"


def test_without_an_agent_the_assignee_then_the_team_signs(ticket, supervisor):
    assert render_placeholders("{{agent.name}}", ticket=ticket) == "Support"

    ticket.assignee = supervisor

    assert render_placeholders("{{agent.first_name}}", ticket=ticket) == "Sam"


def test_expected_reply_is_the_next_due_reply_in_the_customers_zone_and_language(
    standard_policy, customer, team
):
    customer.language, customer.timezone = "es", "America/Mexico_City"
    customer.save()
    with clock.pinned(FRIDAY_4PM_BERLIN):
        ticket = make_ticket(customer)

        text = render_placeholders("Antes del {{sla.expected_reply}}.", ticket=ticket)
        german = render_placeholders("{{sla.expected_reply}}", ticket=ticket, language="de")

    # Two business hours from Friday 16:00 in Berlin: Monday 10:00 there, 03:00 in Mexico City.
    assert text == "Antes del lunes 03:00 (America/Mexico_City)."
    assert german == "Montag 03:00 (America/Mexico_City)"


def test_expected_reply_without_a_running_clock_promises_no_time(ticket):
    assert render_placeholders("{{sla.expected_reply}}", ticket=ticket) == "as soon as we can"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Hi {{customer.first_name}}", "{{customer.first_name}}"),
        ("Hi {{ __import__('os') }}", "{{__import__('os')}}"),
        ("Hi {{}}", "{{}}"),
        ("{{customer.name.upper}}", "{{customer.name.upper}}"),
    ],
)
def test_unknown_placeholders_are_refused_naming_them(ticket, text, named):
    with pytest.raises(ValidationFailed) as error:
        render_placeholders(text, ticket=ticket)

    assert error.value.field == "body"
    assert error.value.message.startswith(f"Unknown placeholder {named};")


@pytest.mark.parametrize("text", ["Hi {{customer.name", "Hi customer.name}}"])
def test_unclosed_placeholders_are_refused(text):
    with pytest.raises(ValidationFailed) as error:
        placeholders_in(text, field="translations.0.body")

    assert error.value.field == "translations.0.body"


def test_values_are_plain_text_and_never_expanded_again(customer, team):
    customer.preferred_name = "<b>{{customer.name}}</b>"
    customer.save()
    ticket = make_ticket(customer, team=team)

    assert render_placeholders("Hi {{customer.preferred_name}}", ticket=ticket) == (
        "Hi <b>{{customer.name}}</b>"
    )


def test_text_without_placeholders_and_single_braces_is_unchanged(ticket):
    text = "Use {code} and {{ticket.number}}x"

    assert render_placeholders(text, ticket=ticket) == f"Use {{code}} and {ticket.pk}x"
    assert placeholders_in(text) == ["ticket.number"]


def test_every_documented_placeholder_renders(ticket, agent):
    for name in PLACEHOLDERS:
        assert render_placeholders(f"{{{{{name}}}}}", ticket=ticket, agent=agent)
