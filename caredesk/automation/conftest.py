"""Fixtures of every automation test: a caller per user, and an empty cache (presence lives there)."""

import pytest
from django.core.cache import cache

from caredesk.accounts.services.tokens import issue_token


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


@pytest.fixture(autouse=True)
def _empty_cache():
    """Presence lives in the cache; each test starts with nobody on any ticket."""
    cache.clear()
    yield
    cache.clear()
