import json

import pytest
from django.test import Client

from caredesk.channels.chat.models import ChatSession
from caredesk.channels.chat.selectors import session_for_visitor_token
from caredesk.tickets.models import Ticket

URL = "/api/v1/chat/sessions"


def post(body):
    # No session, no CSRF token: the widget runs on other sites and authenticates by its token.
    return Client(enforce_csrf_checks=True).post(
        URL, data=json.dumps(body), content_type="application/json"
    )


def test_starting_a_chat_answers_with_the_visitors_token(online_agent, team):
    response = post(
        {"name": "Vera Visitor", "email": "vera@example.com", "message": "Hi", "team": "support"}
    )

    assert response.status_code == 201
    body = response.json()
    session = ChatSession.objects.get()
    assert body == {
        "session": session.pk,
        "ticket": session.ticket_id,
        "state": "waiting",
        "token": body["token"],
        "websocket_path": "/ws/chat/visitor/",
    }
    assert session_for_visitor_token(body["token"]) == session


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "vera@example.com"}, "message"),
        ({"message": "Hi"}, "email"),
        ({"email": "nope", "message": "Hi"}, "email"),
        ({"email": "vera@example.com", "message": " "}, "message"),
        ({"email": "vera@example.com", "message": "Hi", "team": "no-such-team"}, "team"),
        ({"email": "vera@example.com", "message": "x" * 5001}, "message"),
        ({"email": "vera@example.com", "message": 5}, "message"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(team, body, field):
    response = post(body)

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not Ticket.objects.exists()
