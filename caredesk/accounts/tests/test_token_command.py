from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from caredesk.accounts.models import ApiToken
from caredesk.accounts.services.tokens import authenticate_token, issue_token


def run(*args: str) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("token", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue().strip(), stderr.getvalue()


def test_create_prints_a_token_that_authenticates_as_the_user(agent):
    secret, notice = run("create", "--user", "agent@example.com", "--name", "ci")

    assert authenticate_token(secret) == agent
    assert ApiToken.objects.get(user=agent).name == "ci"
    assert "not shown again" in notice


def test_create_finds_the_user_whatever_the_case_of_the_email(agent):
    secret, _ = run("create", "--user", "Agent@Example.COM")

    assert authenticate_token(secret) == agent


def test_create_for_an_unknown_email_fails_clearly(db):
    with pytest.raises(CommandError, match="No user has the email 'nobody@example.com'"):
        run("create", "--user", "nobody@example.com")

    assert ApiToken.objects.count() == 0


def test_create_for_a_deactivated_user_fails(agent):
    agent.is_active = False
    agent.save()

    with pytest.raises(CommandError, match="deactivated"):
        run("create", "--user", "agent@example.com")

    assert ApiToken.objects.count() == 0


def test_list_shows_each_token_without_its_secret(agent):
    issued = issue_token(agent, name="zapier")

    listing, _ = run("list", "--user", "agent@example.com")

    assert str(issued.token.pk) in listing
    assert issued.token.prefix in listing
    assert "zapier" in listing
    assert "active" in listing
    assert issued.secret not in listing


def test_list_says_when_a_user_has_no_tokens(agent):
    listing, _ = run("list", "--user", "agent@example.com")

    assert listing == "agent@example.com has no API tokens."


def test_revoke_stops_the_token_from_authenticating(agent):
    issued = issue_token(agent)

    output, _ = run("revoke", "--id", str(issued.token.pk))

    assert authenticate_token(issued.secret) is None
    assert output == f"Revoked token {issued.token.pk} of agent@example.com."


def test_revoke_an_unknown_or_revoked_token_fails(agent):
    issued = issue_token(agent)
    run("revoke", "--id", str(issued.token.pk))

    with pytest.raises(CommandError, match="already revoked"):
        run("revoke", "--id", str(issued.token.pk))
    with pytest.raises(CommandError, match="No API token has the id 999999"):
        run("revoke", "--id", "999999")
