import pytest

from caredesk.accounts.choices import Role
from caredesk.accounts.tests.factories import UserFactory
from caredesk.customers.tests.factories import CustomerFactory, OrganisationFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Acme", members_see_each_other=False)


@pytest.fixture
def customer_user(db):
    return UserFactory(email="customer@example.com", name="Cora Customer", role=Role.CUSTOMER)


@pytest.fixture
def customer(customer_user, organisation):
    return CustomerFactory(
        name="Cora Customer",
        preferred_name="Cora",
        email="customer@example.com",
        user=customer_user,
        organisation=organisation,
    )


@pytest.fixture
def other_customer_user(db):
    return UserFactory(email="someone@example.org", name="Sid Someone", role=Role.CUSTOMER)


@pytest.fixture
def other_customer(other_customer_user):
    return CustomerFactory(
        name="Sid Someone", email="someone@example.org", user=other_customer_user
    )


@pytest.fixture
def colleague_user(db):
    return UserFactory(email="carl@acme.example", name="Carl Colleague", role=Role.CUSTOMER)


@pytest.fixture
def colleague(colleague_user, organisation):
    """Cora's colleague at Acme, with a portal login."""
    return CustomerFactory(
        name="Carl Colleague",
        email="carl@acme.example",
        user=colleague_user,
        organisation=organisation,
    )
