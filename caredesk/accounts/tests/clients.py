"""Test clients signed in as each role, for every app's screen tests."""

import pytest


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client


@pytest.fixture
def customer_client(client, customer):
    client.force_login(customer.user)
    return client


ROLE_FIXTURES = {
    "agent": "agent",
    "supervisor": "supervisor",
    "admin": "admin_user",
    "customer": "customer",
}


@pytest.fixture
def client_as(client, request):
    """``client_as("supervisor")``: the test client signed in as that role's fixture user;
    ``client_as("anonymous")`` leaves it signed out."""

    def sign_in(role):
        if role != "anonymous":
            user = request.getfixturevalue(ROLE_FIXTURES[role])
            client.force_login(user.user if role == "customer" else user)
        return client

    return sign_in
