"""Named users for every role, as in Zulip's fixture users: tests read like the permission table."""

import pytest

from caredesk.accounts.choices import Role
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
    return UserFactory(email="supervisor@example.com", name="Sam Supervisor", role=Role.SUPERVISOR, teams=[team])


@pytest.fixture
def agent(team):
    return UserFactory(email="agent@example.com", name="Ana Agent", role=Role.AGENT, teams=[team])


@pytest.fixture
def other_agent(other_team):
    return UserFactory(email="otto@example.com", name="Otto Other", role=Role.AGENT, teams=[other_team])
