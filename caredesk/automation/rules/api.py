"""Automation rules API, for admins: list, create, edit, reorder, enable, delete, dry-run.

Customers get "not found"; agents and supervisors get 403: they know rules exist (the timeline
names them) but may not see or change them.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from pydantic import Field

from caredesk.accounts import policy
from caredesk.accounts.api_auth import api_caller
from caredesk.automation.rules import selectors
from caredesk.automation.rules.dry_run import RuleVerdict, dry_run
from caredesk.automation.rules.schemas import (
    DryRunOut,
    RuleIn,
    RuleOrderIn,
    RuleOut,
    RulePatchIn,
)
from caredesk.automation.rules.services.config import (
    UNSET,
    RuleChanges,
    create_rule,
    delete_rule,
    reorder_rules,
    set_rule_enabled,
    update_rule,
)
from caredesk.automation.schemas import StrictSchema
from caredesk.core.errors import NotFound, PermissionDenied
from caredesk.core.pagination import MAX_DATABASE_ID
from caredesk.tickets.models import Ticket
from caredesk.tickets.selectors import get_ticket_for

router = Router(tags=["rules"])


class DryRunQuery(StrictSchema):
    ticket: int = Field(ge=1, le=MAX_DATABASE_ID, description="The ticket number to judge")


def _admin(request: HttpRequest) -> Any:
    user = api_caller(request)
    if not policy.is_staff(user):
        raise NotFound("Not found.")
    if not policy.can_manage_rules(user):
        raise PermissionDenied("Only admins manage automation rules.")
    return user


def _ticket(user: Any, ticket_id: int) -> Ticket:
    if not 1 <= ticket_id <= MAX_DATABASE_ID:
        raise NotFound("Ticket not found.")
    return get_ticket_for(user, ticket_id)


def verdicts_out(ticket: Ticket, verdicts: list[RuleVerdict]) -> dict[str, Any]:
    return {
        "ticket_id": ticket.pk,
        "items": [
            {
                "rule_id": verdict.rule.pk,
                "rule_name": verdict.rule.name,
                "kind": verdict.rule.kind,
                "enabled": verdict.rule.is_enabled,
                "would_fire": verdict.would_fire,
                "reason": verdict.reason,
                "due_at": verdict.due_at,
                "conditions": verdict.conditions,
                "actions": verdict.actions,
            }
            for verdict in verdicts
        ],
    }


def _changes(payload: RuleIn | RulePatchIn) -> RuleChanges:
    given = payload.model_fields_set

    def pick(name: str, attribute: str | None = None) -> Any:
        return getattr(payload, attribute or name) if name in given else UNSET

    changes = RuleChanges(
        name=pick("name"),
        kind=pick("kind"),
        events=pick("events"),
        conditions=pick("conditions"),
        actions=pick("actions"),
        is_enabled=pick("enabled"),
    )
    if isinstance(payload, RuleIn):
        changes.kind = payload.kind
        changes.events = payload.events
        changes.is_enabled = payload.enabled
        changes.conditions = payload.conditions
        changes.actions = payload.actions
    return changes


@router.get("/rules", response=list[RuleOut])
def list_rules(request: HttpRequest) -> list:
    """Every rule, in the order they run."""
    return list(selectors.rules_for(_admin(request)))


@router.post("/rules", response={201: RuleOut})
def post_rule(request: HttpRequest, payload: RuleIn) -> Status:
    """Create a rule at the end of the order. Errors name the item at fault, such as
    ``conditions.all[1].operator`` or ``actions[0].team``."""
    rule = create_rule(actor=_admin(request), changes=_changes(payload))
    return Status(201, rule)


@router.put("/rules/order", response=list[RuleOut])
def put_rule_order(request: HttpRequest, payload: RuleOrderIn) -> list:
    """Reorder: list every rule's id once, first to run first."""
    return reorder_rules(payload.ids, actor=_admin(request))


@router.get("/rules/{rule_id}", response=RuleOut)
def get_rule(request: HttpRequest, rule_id: int) -> Any:
    return selectors.get_rule_for(_admin(request), rule_id)


@router.patch("/rules/{rule_id}", response=RuleOut)
def patch_rule(request: HttpRequest, rule_id: int, payload: RulePatchIn) -> Any:
    user = _admin(request)
    return update_rule(selectors.get_rule_for(user, rule_id), actor=user, changes=_changes(payload))


@router.delete("/rules/{rule_id}", response={204: None})
def remove_rule(request: HttpRequest, rule_id: int) -> Status:
    user = _admin(request)
    delete_rule(selectors.get_rule_for(user, rule_id), actor=user)
    return Status(204, None)


@router.post("/rules/{rule_id}/enable", response=RuleOut)
def enable_rule(request: HttpRequest, rule_id: int) -> Any:
    user = _admin(request)
    return set_rule_enabled(selectors.get_rule_for(user, rule_id), actor=user, enabled=True)


@router.post("/rules/{rule_id}/disable", response=RuleOut)
def disable_rule(request: HttpRequest, rule_id: int) -> Any:
    user = _admin(request)
    return set_rule_enabled(selectors.get_rule_for(user, rule_id), actor=user, enabled=False)


@router.post("/rules/{rule_id}/dry-run", response=DryRunOut)
def dry_run_rule(request: HttpRequest, rule_id: int, query: Query[DryRunQuery]) -> Any:
    """Would this rule fire on the ticket, and why: each condition with the value it saw.
    Writes nothing."""
    user = _admin(request)
    rule = selectors.get_rule_for(user, rule_id)
    ticket = _ticket(user, query.ticket)
    return verdicts_out(ticket, dry_run(ticket, rule))


@router.post("/tickets/{ticket_id}/rules/dry-run", response=DryRunOut)
def dry_run_ticket(request: HttpRequest, ticket_id: int) -> Any:
    """Which rules would fire on the ticket, in order, and why. Writes nothing."""
    user = _admin(request)
    ticket = _ticket(user, ticket_id)
    return verdicts_out(ticket, dry_run(ticket, selectors.rules_for(user)))
