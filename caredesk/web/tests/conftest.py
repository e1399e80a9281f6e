import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Presence lives in the cache; each test starts with nobody on any ticket."""
    cache.clear()
    yield
    cache.clear()
