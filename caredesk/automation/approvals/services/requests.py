"""Proposing an action with an amount, and deciding the ones above the proposer's authority.

Each verb runs in one transaction, locks the ticket first and the request second (the order every
approval verb uses, so two of them never deadlock) and writes one timeline event. Approval events
are internal: the customer hears about a refund from the agent, not from the timeline. None of this
touches the ticket's status, so its SLA clocks keep running while a request waits.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from caredesk.accounts import policy
from caredesk.accounts.choices import Role
from caredesk.accounts.models import User
from caredesk.accounts.services.notifications import notify
from caredesk.automation.approvals.money import checked_amount, checked_currency, money_text
from caredesk.automation.choices import ActionKind, ApprovalEventKind, ApprovalState
from caredesk.automation.models import ApprovalRequest, AuthorityLimit
from caredesk.core import clock
from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel
from caredesk.tickets.events import record_event
from caredesk.tickets.locks import locked_ticket
from caredesk.tickets.models import Ticket, TicketEvent

MAX_TEXT = 5000


@dataclass(frozen=True)
class Proposal:
    """What became of a proposed action: done within the proposer's authority, or sent for approval."""

    within_authority: bool
    action: str
    amount: Decimal
    currency: str
    authority_limit: Decimal | None
    event: TicketEvent
    request: ApprovalRequest | None = None


def _checked_action(action: str) -> str:
    if action not in ActionKind.values:
        raise ValidationFailed(f"action must be one of {ActionKind.values}.", field="action")
    return action


def _checked_text(value: str, *, field: str, required: bool) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if required and not text:
        raise ValidationFailed(f"{field} must not be empty.", field=field)
    if len(text) > MAX_TEXT:
        raise ValidationFailed(f"{field} holds at most {MAX_TEXT} characters.", field=field)
    return text


def authority_limit_of(user: User, *, action: str, currency: str) -> Decimal | None:
    """The most ``user`` may give for ``action`` in ``currency`` unasked, or None.

    None when no limit is configured for the role, or the limit is in another currency: there
    are no exchange rates, so such amounts always go for approval.
    """
    limit = AuthorityLimit.objects.filter(role=user.role, action=action).first()
    if limit is None or limit.currency != currency:
        return None
    return limit.max_amount


def _admins() -> list[User]:
    return list(User.objects.filter(role=Role.ADMIN, is_active=True))


def approvers_to_notify(ticket: Ticket, *, approver_role: str, requester: User) -> list[User]:
    """Agents' requests go to the team's supervisors and on-call (admins when the team has no
    supervisor); supervisors' and admins' own requests go to the admins. Never the requester."""
    recipients: list[User] = []
    team = ticket.team
    if approver_role == Role.SUPERVISOR and team is not None:
        recipients += list(team.members.filter(role=Role.SUPERVISOR, is_active=True))
        if not recipients:
            recipients += _admins()
        if team.on_call is not None and team.on_call.is_active:
            recipients.append(team.on_call)
    else:
        recipients += _admins()
    unique = {user.pk: user for user in recipients if user.pk != requester.pk}
    return sorted(unique.values(), key=lambda user: (user.name, user.pk))


def _facts(action: str, amount: Decimal, currency: str) -> dict[str, str]:
    return {"action": action, "amount": f"{amount:.2f}", "currency": currency}


def _limit_text(limit: Decimal | None) -> str | None:
    return None if limit is None else f"{limit:.2f}"


@transaction.atomic
def propose_action(
    ticket: Ticket,
    *,
    actor: User,
    action: str,
    amount: Decimal,
    currency: str,
    reason: str,
) -> Proposal:
    """Record ``action`` if ``amount`` is within the actor's authority, else ask for approval.

    Precondition: the caller found ``ticket`` through ``tickets.selectors.get_ticket_for(actor)``.
    A role without a configured limit needs approval for every amount.
    """
    if not policy.can_propose_action(actor):
        raise PermissionDenied("Only staff may propose refunds, credits or goodwill.")
    action = _checked_action(action)
    amount = checked_amount(amount)
    currency = checked_currency(currency)
    reason = _checked_text(reason, field="reason", required=True)
    ticket = locked_ticket(ticket.pk)
    limit = authority_limit_of(actor, action=action, currency=currency)
    facts = {
        **_facts(action, amount, currency),
        "authority_limit": _limit_text(limit),
        "reason": reason,
    }
    if limit is not None and amount <= limit:
        event = record_event(
            ticket,
            ApprovalEventKind.WITHIN_AUTHORITY,
            actor=Actor.of_user(actor),
            channel=Channel.INTERNAL,
            data=facts,
        )
        return Proposal(True, action, amount, currency, limit, event)
    approver_role = policy.approver_role_for(actor)
    request = ApprovalRequest.objects.create(
        ticket=ticket,
        action=action,
        amount=amount,
        currency=currency,
        reason=reason,
        authority_limit=limit,
        approver_role=approver_role,
        requested_by=actor,
        created_at=clock.now(),
    )
    approvers = approvers_to_notify(ticket, approver_role=approver_role, requester=actor)
    label = ActionKind(action).label
    notify(
        approvers,
        subject=f"Approval needed: {label.lower()} of {money_text(amount, currency)} "
        f"on ticket #{ticket.pk}",
        body=f"{actor.name} asks: {reason}",
        url=f"/tickets/{ticket.pk}/",
    )
    event = record_event(
        ticket,
        ApprovalEventKind.REQUESTED,
        actor=Actor.of_user(actor),
        channel=Channel.INTERNAL,
        data={
            "approval_id": request.pk,
            **facts,
            "approver_role": approver_role,
            "notified": [user.name for user in approvers],
        },
    )
    return Proposal(False, action, amount, currency, limit, event, request)


def _locked_pending(request: ApprovalRequest) -> ApprovalRequest:
    locked_ticket(request.ticket_id)
    return (
        ApprovalRequest.objects.select_for_update(of=("self",))
        .select_related("ticket", "ticket__team", "requested_by")
        .get(pk=request.pk)
    )


def _refuse_unless_pending(request: ApprovalRequest) -> None:
    if request.state != ApprovalState.PENDING:
        raise Conflict(
            f"This request is {request.get_state_display().lower()} already.", field="state"
        )


@transaction.atomic
def decide(
    request: ApprovalRequest, *, actor: User, approve: bool, note: str = ""
) -> ApprovalRequest:
    """Approve or deny a pending request, and tell the agent who asked.

    Precondition: the caller found ``request`` through ``selectors.get_approval_for(actor)``.
    A denial needs a note: the agent has to tell the customer something. Locks the ticket, then
    the request; a second decision on the same request gets Conflict.
    """
    request = _locked_pending(request)
    if not policy.can_decide_approval(actor, request):
        raise PermissionDenied("You may not decide this request.")
    _refuse_unless_pending(request)
    note = _checked_text(note, field="note", required=not approve)
    request.state = ApprovalState.APPROVED if approve else ApprovalState.DENIED
    request.decided_by = actor
    request.decided_at = clock.now()
    request.decision_note = note
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    verb = "approved" if approve else "denied"
    amount_text = money_text(request.amount, request.currency)
    notify(
        [request.requested_by],
        subject=f"{verb.capitalize()}: {request.get_action_display().lower()} of {amount_text} "
        f"on ticket #{request.ticket_id}",
        body=f"{actor.name} {verb} your request." + (f"\n\n{note}" if note else ""),
        url=f"/tickets/{request.ticket_id}/",
    )
    record_event(
        request.ticket,
        ApprovalEventKind.APPROVED if approve else ApprovalEventKind.DENIED,
        actor=Actor.of_user(actor),
        channel=Channel.INTERNAL,
        data={
            "approval_id": request.pk,
            **_facts(request.action, request.amount, request.currency),
            "requested_by": request.requested_by.name,
            "note": note,
        },
    )
    return request


@transaction.atomic
def cancel(request: ApprovalRequest, *, actor: User) -> ApprovalRequest:
    """Withdraw one's own pending request (the customer settled otherwise, a typo in the amount).

    Precondition and locks as for ``decide``.
    """
    request = _locked_pending(request)
    if not policy.can_cancel_approval(actor, request):
        raise PermissionDenied("Only the agent who asked may cancel this request.")
    _refuse_unless_pending(request)
    request.state = ApprovalState.CANCELLED
    request.decided_by = actor
    request.decided_at = clock.now()
    request.save(update_fields=["state", "decided_by", "decided_at"])
    record_event(
        request.ticket,
        ApprovalEventKind.CANCELLED,
        actor=Actor.of_user(actor),
        channel=Channel.INTERNAL,
        data={
            "approval_id": request.pk,
            **_facts(request.action, request.amount, request.currency),
        },
    )
    return request
