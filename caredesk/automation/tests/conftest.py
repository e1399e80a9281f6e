"""Fixtures of the approval tests: a limits table, more staff, and a caller per user."""

from decimal import Decimal

import pytest

from caredesk.accounts.choices import Role
from caredesk.accounts.services.tokens import issue_token
from caredesk.accounts.tests.factories import UserFactory
from caredesk.automation.services.authority import LimitSpec, set_authority_limit
from caredesk.automation.services.macros import MacroSpec, create_macro
from caredesk.automation.tests.rule_fixtures import make_rule  # noqa: F401 (a fixture)


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


@pytest.fixture
def as_user(client):
    """``as_user(user, "post", path, body)``: the API as that user, with one bearer token each."""
    secrets = {}

    def call(user, method, path, body=None):
        if user.pk not in secrets:
            secrets[user.pk] = issue_token(user).secret
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secrets[user.pk]}"}
        return getattr(client, method)(path, body, content_type="application/json", **headers)

    return call


@pytest.fixture
def refund_macro(admin_user, team):
    """The Support team's "Refund processed": a reply in en/es, status solved, tag refund."""
    return create_macro(
        MacroSpec(
            name="Refund processed",
            team=team,
            translations=[
                (
                    "en",
                    "Hi {{customer.preferred_name}}, your refund for #{{ticket.number}} is on "
                    "its way.\n{{agent.first_name}}",
                ),
                ("es", "Hola {{customer.preferred_name}}, tu reembolso está en camino."),
            ],
            set_status="solved",
            set_priority=3,
            add_tags=["refund"],
            remove_tags=["waiting"],
            assign_to_me=True,
            internal_note="Refund sent by {{agent.name}}.",
        ),
        actor=admin_user,
    )
