from datetime import UTC, datetime, timedelta

import pytest

from caredesk.accounts.models import ApiToken
from caredesk.accounts.services.tokens import (
    authenticate_token,
    hash_secret,
    issue_token,
    revoke_token,
)
from caredesk.core import clock
from caredesk.core.errors import NotFound

MOMENT = datetime(2025, 4, 1, 12, 0, tzinfo=UTC)


def test_only_the_hash_is_stored(agent):
    issued = issue_token(agent, name="CI")

    stored = ApiToken.objects.get()
    assert issued.secret.startswith("cd_")
    assert (stored.key_hash, stored.prefix, stored.name) == (
        hash_secret(issued.secret),
        issued.secret[:10],
        "CI",
    )
    assert issued.secret not in {stored.key_hash, stored.prefix, stored.name}


def test_the_secret_authenticates_its_user_and_stamps_last_use(agent):
    issued = issue_token(agent)

    with clock.pinned(MOMENT):
        user = authenticate_token(issued.secret)

    assert user == agent
    assert ApiToken.objects.get().last_used_at == MOMENT


def test_last_use_is_written_at_most_once_a_minute(agent):
    issued = issue_token(agent)
    with clock.pinned(MOMENT):
        authenticate_token(issued.secret)

    with clock.pinned(MOMENT + timedelta(seconds=59)):
        authenticate_token(issued.secret)

    assert ApiToken.objects.get().last_used_at == MOMENT


@pytest.mark.parametrize(
    "secret", ["", "cd_", "cd_wrong", "not-a-token", "cd_" + "x" * 300, "CD_abc"]
)
def test_unknown_secrets_fail(agent, secret):
    issue_token(agent)

    assert authenticate_token(secret) is None


def test_revoked_token_fails(agent):
    issued = issue_token(agent)

    revoke_token(agent, token_id=issued.token.pk)

    assert authenticate_token(issued.secret) is None
    assert ApiToken.objects.get().revoked_at is not None


def test_token_of_an_inactive_user_fails(agent):
    issued = issue_token(agent)
    agent.is_active = False
    agent.save()

    assert authenticate_token(issued.secret) is None


def test_revoking_someone_elses_token_is_not_found(agent, other_agent):
    issued = issue_token(other_agent)

    with pytest.raises(NotFound):
        revoke_token(agent, token_id=issued.token.pk)

    assert authenticate_token(issued.secret) == other_agent


def test_revoking_twice_is_not_found(agent):
    issued = issue_token(agent)
    revoke_token(agent, token_id=issued.token.pk)

    with pytest.raises(NotFound) as error:
        revoke_token(agent, token_id=issued.token.pk)

    assert error.value.field == "token_id"


def test_api_refuses_a_revoked_token(agent, api_client):
    issued = issue_token(agent)
    client = api_client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {issued.secret}"
    assert client.get("/api/v1/me").status_code == 200

    revoke_token(agent, token_id=issued.token.pk)

    assert client.get("/api/v1/me").status_code == 401
