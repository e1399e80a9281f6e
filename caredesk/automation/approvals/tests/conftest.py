"""Fixtures of the approval tests: a limits table and more staff."""

from decimal import Decimal

import pytest

from caredesk.accounts.choices import Role
from caredesk.accounts.tests.factories import UserFactory
from caredesk.automation.approvals.services.authority import LimitSpec, set_authority_limit


@pytest.fixture
def limits(admin_user):
    """Agents refund up to 100 EUR and credit up to 50 EUR; supervisors refund up to 500 EUR.

    Nobody has a goodwill limit, and admins have none at all.
    """
    return [
        set_authority_limit(LimitSpec(role, action, Decimal(amount), "EUR"), actor=admin_user)
        for role, action, amount in [
            (Role.AGENT, "refund", "100"),
            (Role.AGENT, "credit", "50"),
            (Role.SUPERVISOR, "refund", "500"),
        ]
    ]


@pytest.fixture
def second_supervisor(team):
    return UserFactory(
        email="sue@example.com", name="Sue Second", role=Role.SUPERVISOR, teams=[team]
    )


@pytest.fixture
def other_supervisor(other_team):
    return UserFactory(
        email="bill@example.com", name="Bill Billing", role=Role.SUPERVISOR, teams=[other_team]
    )


@pytest.fixture
def second_admin(db):
    return UserFactory(email="alan@example.com", name="Alan Admin", role=Role.ADMIN)
