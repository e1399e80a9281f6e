"""Macros API: manage macros, preview one on a ticket, apply it.

Customers get "not found" from every endpoint here: macros are the team's tools.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from caredesk.accounts import policy
from caredesk.accounts.api_auth import api_caller
from caredesk.accounts.models import Team, User
from caredesk.automation.macros import selectors
from caredesk.automation.macros.schemas import (
    AppliedOut,
    ApplyIn,
    MacroIn,
    MacroOut,
    PreviewOut,
)
from caredesk.automation.macros.services.apply import apply_macro, preview_macro
from caredesk.automation.macros.services.config import (
    MacroSpec,
    create_macro,
    delete_macro,
    update_macro,
)
from caredesk.core.errors import NotFound, ValidationFailed
from caredesk.core.pagination import MAX_DATABASE_ID
from caredesk.tickets.choices import PRIORITY_BY_NAME
from caredesk.tickets.models import Ticket
from caredesk.tickets.selectors import get_ticket_for

router = Router(tags=["macros"])


class PreviewQuery(Schema):
    ticket: int


def _staff(request: HttpRequest) -> User:
    user = api_caller(request)
    if not policy.is_staff(user):
        raise NotFound("Not found.")
    return user


def _ticket(user: User, ticket_id: int) -> Ticket:
    if not 1 <= ticket_id <= MAX_DATABASE_ID:
        raise NotFound("Ticket not found.", field="ticket")
    try:
        return get_ticket_for(user, ticket_id)
    except NotFound as error:
        raise NotFound(error.message, field="ticket") from error


def _team(team_id: int | None) -> Team | None:
    if team_id is None:
        return None
    team = Team.objects.filter(pk=team_id).first() if 1 <= team_id <= MAX_DATABASE_ID else None
    if team is None:
        raise ValidationFailed(f"There is no team {team_id}.", field="team_id")
    return team


def _spec(payload: MacroIn) -> MacroSpec:
    return MacroSpec(
        name=payload.name,
        team=_team(payload.team_id),
        is_personal=payload.personal,
        is_active=payload.is_active,
        position=payload.position,
        default_language=payload.default_language,
        translations=[(each.language, each.body) for each in payload.translations],
        set_status=payload.set_status,
        set_priority=PRIORITY_BY_NAME[payload.set_priority] if payload.set_priority else None,
        add_tags=payload.add_tags,
        remove_tags=payload.remove_tags,
        assign_to_me=payload.assign_to_me,
        internal_note=payload.internal_note,
    )


@router.get("/macros", response=list[MacroOut])
def list_macros(request: HttpRequest) -> list:
    """Global macros, your teams' (every team's for admins) and your personal ones."""
    return list(selectors.macros_visible_to(_staff(request)))


@router.post("/macros", response={201: MacroOut})
def post_macro(request: HttpRequest, payload: MacroIn) -> Status:
    user = _staff(request)
    macro = create_macro(_spec(payload), actor=user)
    return Status(201, selectors.get_macro_for(user, macro.pk))


@router.get("/macros/{macro_id}", response=MacroOut)
def get_macro(request: HttpRequest, macro_id: int) -> Any:
    return selectors.get_macro_for(_staff(request), macro_id)


@router.put("/macros/{macro_id}", response=MacroOut)
def put_macro(request: HttpRequest, macro_id: int, payload: MacroIn) -> Any:
    """Replace the macro: translations and actions left out are removed."""
    user = _staff(request)
    update_macro(selectors.get_macro_for(user, macro_id), _spec(payload), actor=user)
    return selectors.get_macro_for(user, macro_id)


@router.delete("/macros/{macro_id}", response={204: None})
def remove_macro(request: HttpRequest, macro_id: int) -> Status:
    user = _staff(request)
    delete_macro(selectors.get_macro_for(user, macro_id), actor=user)
    return Status(204, None)


@router.post("/macros/{macro_id}/preview", response=PreviewOut)
def post_preview(request: HttpRequest, macro_id: int, query: Query[PreviewQuery]) -> Any:
    """The reply and actions the macro would give on ``ticket``; nothing is written."""
    user = _staff(request)
    macro = selectors.get_macro_for(user, macro_id)
    return preview_macro(_ticket(user, query.ticket), macro, actor=user)


@router.post("/tickets/{ticket_id}/macros/{macro_id}/apply", response=AppliedOut)
def post_apply(
    request: HttpRequest, ticket_id: int, macro_id: int, payload: ApplyIn | None = None
) -> dict[str, Any]:
    """Send the macro's reply and run its actions, in one transaction."""
    user = _staff(request)
    ticket = _ticket(user, ticket_id)
    macro = selectors.get_macro_for(user, macro_id)
    applied = apply_macro(
        ticket, macro, actor=user, body_override=payload.body if payload else None
    )
    return {
        "ticket_id": applied.ticket.pk,
        "status": applied.ticket.status,
        "reply_id": applied.reply.pk if applied.reply else None,
        "note_id": applied.note.pk if applied.note else None,
    }
