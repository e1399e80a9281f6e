import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Presence lives in the cache; each test starts with nobody on any ticket."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client


@pytest.fixture
def customer_client(client, customer):
    client.force_login(customer.user)
    return client
