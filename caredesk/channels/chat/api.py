"""Starting a chat over HTTP: the widget's one request before it opens its WebSocket.

No authentication: anyone may start a chat, as anyone may write an email. What proves the visitor
afterwards is the token returned here, once.
"""

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from caredesk.accounts.models import Team
from caredesk.channels.chat.services.sessions import (
    MAX_CHAT_MESSAGE_LENGTH,
    MAX_NAME_LENGTH,
    start_chat,
)
from caredesk.core.errors import ValidationFailed

router = Router(tags=["chat"])


class ChatStartIn(Schema):
    name: str = Field(default="", max_length=MAX_NAME_LENGTH)
    email: str = Field(max_length=254)
    message: str = Field(max_length=MAX_CHAT_MESSAGE_LENGTH)
    team: str = Field(
        default="", max_length=100, description="A team's slug; empty for the default team"
    )


class ChatStartOut(Schema):
    session: int
    ticket: int
    state: str
    token: str = Field(description="The visitor's secret: send it in the WebSocket's join frame")
    websocket_path: str


@router.post("/chat/sessions", auth=None, response={201: ChatStartOut})
def start(request: HttpRequest, payload: ChatStartIn) -> Status:
    team = None
    if payload.team:
        team = Team.objects.filter(slug=payload.team).first()
        if team is None:
            raise ValidationFailed("No team has this slug.", field="team")
    started = start_chat(name=payload.name, email=payload.email, text=payload.message, team=team)
    return Status(
        201,
        {
            "session": started.session.pk,
            "ticket": started.session.ticket_id,
            "state": started.session.state,
            "token": started.token,
            "websocket_path": "/ws/chat/visitor/",
        },
    )
