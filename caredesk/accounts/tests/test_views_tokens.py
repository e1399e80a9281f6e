"""API tokens page: every signed-in person's own tokens; a new secret is shown once, then never."""

import re

import pytest
from django.urls import reverse

from caredesk.accounts.models import ApiToken
from caredesk.accounts.services.tokens import authenticate_token, issue_token, revoke_token

pytestmark = pytest.mark.django_db

TOKENS = reverse("web:tokens")
SIGNED_IN = ["customer", "agent", "supervisor", "admin"]
SECRET = re.compile(r'value="(cd_[^"]+)"')


def user_of(request, role):
    user = request.getfixturevalue({"admin": "admin_user", "customer": "customer"}.get(role, role))
    return user.user if role == "customer" else user


def stored():
    return list(ApiToken.objects.values())


def revoke_url(token):
    return reverse("web:token_revoke", args=[token.pk])


def test_visitors_are_sent_to_sign_in(client_as):
    response = client_as("anonymous").get(TOKENS)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:login')}?next={TOKENS}"


def test_visitors_create_and_revoke_nothing(client_as, agent):
    token = issue_token(agent, name="CI").token
    client = client_as("anonymous")
    before = stored()

    created = client.post(TOKENS, {"name": "Sneaky"})
    revoked = client.post(revoke_url(token))

    assert (created.status_code, revoked.status_code) == (302, 302)
    assert stored() == before


@pytest.mark.parametrize("role", SIGNED_IN)
def test_everyone_signed_in_sees_only_their_own_active_tokens(
    request, client_as, role, other_agent
):
    user = user_of(request, role)
    kept = issue_token(user, name="Reporting script").token
    gone = issue_token(user, name="Old laptop").token
    revoke_token(user, token_id=gone.pk)
    issue_token(other_agent, name="Otto's export")

    response = client_as(role).get(TOKENS)

    assert response.status_code == 200
    assert list(response.context["tokens"]) == [kept]
    assert "Reporting script" in response.text
    assert f"<code>{kept.prefix}…</code>" in response.text
    assert "Never" in response.text
    assert "Old laptop" not in response.text
    assert "Otto&#x27;s export" not in response.text
    assert response["Cache-Control"].count("no-store") == 1


@pytest.mark.parametrize("role", SIGNED_IN)
def test_the_header_links_to_the_tokens_page(client_as, role):
    home = reverse("web:portal") if role == "customer" else reverse("web:queue", args=["mine"])

    response = client_as(role).get(home)

    assert f'<a href="{TOKENS}">API tokens</a>' in response.text
    assert (f'<a href="{reverse("web:profile")}">My profile</a>' in response.text) == (
        role != "customer"
    )


@pytest.mark.parametrize("role", SIGNED_IN)
def test_a_new_secret_is_shown_once_and_authenticates_its_owner(request, client_as, role):
    user = user_of(request, role)
    client = client_as(role)

    created = client.post(TOKENS, {"name": "CI export"})
    listed = client.get(TOKENS)

    assert created.status_code == 201
    assert "no-store" in created["Cache-Control"]
    (secret,) = SECRET.findall(created.text)
    assert "It is shown only this once" in created.text
    assert "Copy" in created.text
    assert authenticate_token(secret) == user
    token = ApiToken.objects.get(user=user)
    assert (token.name, token.prefix) == ("CI export", secret[:10])
    assert secret not in listed.text
    assert secret not in str(client.session.items())
    assert "CI export" in listed.text


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("", "Token name: This field is required.", id="no-name"),
        pytest.param(
            "x" * 101,
            "Token name: Ensure this value has at most 100 characters (it has 101).",
            id="too-long",
        ),
    ],
)
def test_a_token_needs_a_name_and_nothing_is_written(client_as, name, message):
    before = stored()

    response = client_as("customer").post(TOKENS, {"name": name})

    assert response.status_code == 422
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    assert not SECRET.search(response.text)
    assert stored() == before


@pytest.mark.parametrize("role", SIGNED_IN)
def test_a_revoked_token_no_longer_authenticates(request, client_as, role):
    user = user_of(request, role)
    issued = issue_token(user, name="Laptop")
    client = client_as(role)

    response = client.post(revoke_url(issued.token))

    assert response.status_code == 302
    assert response["Location"] == TOKENS
    assert authenticate_token(issued.secret) is None
    listed = client.get(TOKENS)
    assert "Token Laptop revoked: it no longer works." in listed.text
    assert list(listed.context["tokens"]) == []


@pytest.mark.parametrize("role", SIGNED_IN)
def test_nobody_revokes_someone_elses_token(client_as, role, other_agent):
    issued = issue_token(other_agent, name="Otto's export")
    before = stored()

    response = client_as(role).post(revoke_url(issued.token))

    assert response.status_code == 404
    assert stored() == before
    assert authenticate_token(issued.secret) == other_agent


def test_revoking_twice_or_an_unknown_token_is_not_found(client_as, agent):
    issued = issue_token(agent, name="CI")
    client = client_as("agent")
    client.post(revoke_url(issued.token))

    again = client.post(revoke_url(issued.token))
    unknown = client.post(reverse("web:token_revoke", args=[999999]))

    assert (again.status_code, unknown.status_code) == (404, 404)


def test_revoking_takes_a_post(client_as, agent):
    issued = issue_token(agent, name="CI")

    response = client_as("agent").get(revoke_url(issued.token))

    assert response.status_code == 405
    assert authenticate_token(issued.secret) == agent
