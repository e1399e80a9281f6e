from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from caredesk.core import clock
from caredesk.core.errors import ValidationFailed
from caredesk.sla.models import SlaPolicy
from caredesk.sla.services.acknowledgement import render
from caredesk.sla.services.defaults import install_default_policies
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import AuthorKind, Channel
from caredesk.tickets.services.open_ticket import open_ticket
from caredesk.tickets.tests.factories import make_ticket

FRIDAY_4PM_BERLIN = datetime(2026, 11, 20, 16, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def defaults(db):
    install_default_policies(timezone="Europe/Berlin")


def test_email_ticket_is_acknowledged_in_the_customers_language_and_zone(defaults, customer, team):
    customer.language, customer.timezone = "es", "America/Mexico_City"
    customer.save()

    with clock.pinned(FRIDAY_4PM_BERLIN):
        ticket = make_ticket(customer, channel=Channel.EMAIL)

    ack = ticket.messages.get(author_kind=AuthorKind.SYSTEM)
    assert ack.is_public
    assert ack.body_text.startswith("Hola Cora:")
    assert f"#{ticket.pk}" in ack.body_text
    # 24 h of calendar time from Friday 15:00 UTC is Saturday 09:00 in Mexico City.
    assert "sábado 09:00 (America/Mexico_City)" in ack.body_text


def test_acknowledgement_does_not_count_as_the_first_response(defaults, customer, team):
    with clock.pinned(FRIDAY_4PM_BERLIN):
        ticket = make_ticket(customer, channel=Channel.EMAIL)

    ticket.refresh_from_db()
    assert ticket.first_response_at is None
    assert ticket.status == "new"


def test_chat_is_greeted_at_once(defaults, customer, team):
    ticket = make_ticket(customer, channel=Channel.CHAT)

    greeting = ticket.messages.get(author_kind=AuthorKind.SYSTEM)
    assert (
        greeting.body_text
        == "Hello Cora, thanks for reaching out! An agent will be with you in a moment."
    )


def test_ticket_opened_by_an_agent_is_not_acknowledged(defaults, customer, team, agent):
    ticket = open_ticket(
        requester=customer,
        actor=Actor.of_user(agent),
        subject="Callback",
        body="We called you.",
        channel="internal",
    )

    assert not ticket.messages.filter(author_kind=AuthorKind.SYSTEM).exists()


def test_without_templates_nothing_is_sent(customer, team):
    ticket = make_ticket(customer, channel=Channel.EMAIL)

    assert not ticket.messages.filter(author_kind=AuthorKind.SYSTEM).exists()


def test_defaults_follow_the_seed_policy_and_install_once(defaults):
    standard = SlaPolicy.objects.get(name="Standard")

    assert (standard.first_response_minutes, standard.first_response_business_hours) == (
        24 * 60,
        False,
    )
    assert SlaPolicy.objects.get(name="Live chat").first_response_minutes == 2
    assert install_default_policies() == []


@pytest.mark.parametrize("body", ["Hi {nmae}", "Hi {", "Hi {0}"])
def test_malformed_templates_name_the_problem(body):
    with pytest.raises(ValidationFailed) as error:
        render(body, {"greeting_name": "Cora"})

    assert error.value.field == "body"
