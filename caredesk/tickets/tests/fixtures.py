import pytest

from caredesk.tickets.tests.factories import make_ticket


@pytest.fixture
def ticket(customer, team):
    """Cora's ticket in the Support team (agent and supervisor's team)."""
    return make_ticket(customer, team=team)


@pytest.fixture
def other_ticket(other_customer, other_team):
    """Sid's ticket in the Billing team (other_agent's team)."""
    return make_ticket(
        other_customer, subject="Invoice wrong", body="Charged twice.", team=other_team
    )
