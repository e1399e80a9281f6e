"""Every operation the API publishes, swept: nothing answers without credentials, and a customer
reaches nothing of another customer's nor of the team's. The operations come from the OpenAPI
schema, so a new endpoint that forgets to ask the permission policy fails here without anyone
adding a line. The role-by-object matrices in each app test the exact answers with valid bodies.
"""

import json
import re

import pytest
from django.apps import apps
from django.utils import timezone

from caredesk.api import api
from caredesk.automation.models import Macro

# Open to anyone on purpose: each checks its own credential (a widget origin, a signed webhook).
PUBLIC = {("POST", "/api/v1/chat/sessions"), ("POST", "/api/v1/channels/voice/events")}
# What a customer may call at all, each scoped to the customer's own rows (reviewed one by one).
CUSTOMER_SCOPED = {
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/tokens"),
    ("POST", "/api/v1/tokens"),
    ("GET", "/api/v1/tickets"),
    ("GET", "/api/v1/customers"),
    ("GET", "/api/v1/organisations"),
    ("GET", "/api/v1/categories"),
    ("GET", "/api/v1/custom-fields"),
}
REFUSED = {401, 403, 404}
# A write whose empty body fails validation is refused before any permission question: 422 too.
REFUSED_WRITE = REFUSED | {422}


def _operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return sorted(
        (method.upper(), path) for path, item in schema["paths"].items() for method in item
    )


def _call(client, method: str, path: str, ids: dict[str, int]):
    url = re.sub(r"\{(\w+)\}", lambda match: str(ids.get(match.group(1), 1)), path)
    body = "" if method == "GET" else json.dumps({})
    return client.generic(method, url, data=body, content_type="application/json")


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_the_sweep_covers_the_whole_api() -> None:
    operations = _operations()
    assert len(operations) > 60
    assert set(operations) >= PUBLIC | CUSTOMER_SCOPED


@pytest.mark.django_db
def test_without_credentials_every_operation_but_the_public_ones_answers_401(api_client, ticket):
    anonymous = api_client()
    for method, path in _operations():
        response = _call(anonymous, method, path, {"ticket_id": ticket.pk})
        if (method, path) in PUBLIC:
            assert response.status_code < 500, (method, path)
        else:
            assert response.status_code == 401, (method, path, response.content[:200])


@pytest.mark.django_db
def test_a_customer_reaches_nothing_of_another_customer_or_of_the_team(
    api_client,
    other_customer_user,
    other_customer,
    customer_user,
    ticket,
    customer,
    organisation,
    team,
    agent,
) -> None:
    cora_message = ticket.messages.get()
    now = timezone.now()
    macro = Macro.objects.create(name="Refund", team=team, created_at=now, updated_at=now)
    cora_token = api_client(customer_user)  # Cora has a token Sid must not revoke
    ids = {
        "ticket_id": ticket.pk,
        "customer_id": customer.pk,
        "organisation_id": organisation.pk,
        "message_id": cora_message.pk,
        "team_id": team.pk,
        "agent_id": agent.pk,
        "macro_id": macro.pk,
        "token_id": customer_user.api_tokens.get().pk,
    }
    before = _row_counts()
    for method, path in _operations():
        if (method, path) in PUBLIC or (method, path) == ("POST", "/api/v1/tokens"):
            continue
        response = _call(api_client(other_customer_user), method, path, ids)
        if (method, path) in CUSTOMER_SCOPED:
            assert response.status_code == 200, (method, path)
            shown = response.content.decode()
            assert ticket.subject not in shown, (method, path)
            assert customer.email not in shown, (method, path)
        else:
            allowed = REFUSED if method in ("GET", "DELETE") else REFUSED_WRITE
            assert response.status_code in allowed, (method, path, response.content[:200])
    assert cora_token.get("/api/v1/me").status_code == 200
    # Sid's own new tokens aside (one per call), nothing was written.
    after = _row_counts()
    after["accounts.ApiToken"] = before["accounts.ApiToken"]
    assert after == before
