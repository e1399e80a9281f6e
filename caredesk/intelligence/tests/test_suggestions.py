import pytest

from caredesk.core.errors import PermissionDenied
from caredesk.intelligence.services.suggestions import apply_suggestion, opening_predictions
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Priority
from caredesk.tickets.tests.factories import make_ticket


@pytest.fixture
def suggested(customer, team):
    return make_ticket(customer, team=team, subject="Urgent", body="The app is down, urgent!")


def test_the_suggestion_of_the_opening_message_is_applied(agent, customer, suggested):
    make_ticket(customer, subject="Another", body="Please refund my invoice.")

    ticket = apply_suggestion(suggested, actor=Actor.of_user(agent), target="priority")

    assert ticket.priority == Priority.HIGH
    assert opening_predictions(ticket)["priority"]["decision"] == "suggested"
    assert ticket.events.filter(kind="intelligence.suggestion_applied").count() == 1


def test_a_customer_cannot_apply_a_suggestion(customer, suggested):
    with pytest.raises(PermissionDenied):
        apply_suggestion(suggested, actor=Actor.of_customer(customer), target="priority")

    suggested.refresh_from_db()
    assert suggested.priority == Priority.NORMAL
    assert not suggested.events.filter(kind="intelligence.suggestion_applied").exists()
