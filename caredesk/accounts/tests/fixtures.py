"""Named users for every role, as in Zulip's fixture users: tests read like the permission table."""

import pytest
from django.test import Client

from caredesk.accounts.choices import Role
from caredesk.accounts.services.tokens import issue_token
from caredesk.accounts.tests.factories import TeamFactory, UserFactory


@pytest.fixture
def team(db):
    return TeamFactory(name="Support", slug="support", is_default=True)


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Billing", slug="billing")


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@example.com", name="Ada Admin", role=Role.ADMIN)


@pytest.fixture
def supervisor(team):
    return UserFactory(
        email="supervisor@example.com", name="Sam Supervisor", role=Role.SUPERVISOR, teams=[team]
    )


@pytest.fixture
def agent(team):
    return UserFactory(email="agent@example.com", name="Ana Agent", role=Role.AGENT, teams=[team])


@pytest.fixture
def other_agent(other_team):
    return UserFactory(
        email="otto@example.com", name="Otto Other", role=Role.AGENT, teams=[other_team]
    )


@pytest.fixture
def api_client(db):
    """``api_client(user)`` is a test client sending that user's bearer token; no user, no token."""

    def make(user=None):
        if user is None:
            return Client()
        return Client(headers={"authorization": f"Bearer {issue_token(user).secret}"})

    return make
