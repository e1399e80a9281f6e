"""Escalations: when a target nears or passes its due time, tell people and change the ticket.

Rules match by policy and target; a rule with a delay waits as a ``PendingEscalation`` row with an
indexed due time, and is dropped if the clock has stopped by then.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.db import transaction

from caredesk.accounts.choices import Role
from caredesk.accounts.models import User
from caredesk.accounts.services.notifications import notify
from caredesk.sla.choices import OPEN_STATES
from caredesk.sla.domain_events import DeadlineReached
from caredesk.sla.models import EscalationRule, PendingEscalation, TicketClock
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Priority
from caredesk.tickets.events import record_event
from caredesk.tickets.locks import locked_ticket
from caredesk.tickets.services.update import TicketChanges, update_ticket


def escalate(reached: Sequence[DeadlineReached]) -> None:
    """Apply the matching rules to each reached deadline; the rules are read once per batch."""
    rules = list(
        EscalationRule.objects.filter(is_active=True).select_related(
            "reassign_to_team", "reassign_to_team__on_call"
        )
    )
    if not rules:
        return
    pending = []
    for item in reached:
        clock = item.clock
        for rule in rules:
            if rule.trigger != item.trigger or rule.policy_id not in (None, clock.policy_id):
                continue
            if rule.target not in ("", clock.target):
                continue
            if rule.delay_minutes:
                due_at = item.at + timedelta(minutes=rule.delay_minutes)
                pending.append(PendingEscalation(rule=rule, clock=clock, due_at=due_at))
            else:
                apply_rule(rule, clock, trigger=item.trigger)
    PendingEscalation.objects.bulk_create(pending)


def apply_rule(rule: EscalationRule, clock: TicketClock, *, trigger: str) -> None:
    """Take the rule's actions on the clock's ticket. Call inside a transaction."""
    ticket = locked_ticket(clock.ticket_id)
    changes = TicketChanges()
    actions: list[str] = []
    team = rule.reassign_to_team or ticket.team
    if rule.raise_priority_to and ticket.priority < rule.raise_priority_to:
        changes.priority = rule.raise_priority_to
        actions.append(f"priority raised to {Priority(rule.raise_priority_to).label}")
    if rule.reassign_to_team and ticket.team_id != rule.reassign_to_team.pk:
        changes.team = rule.reassign_to_team
        changes.assignee = None
        actions.append(f"moved to team {rule.reassign_to_team.name}")
    if rule.assign_to_on_call and team is not None and team.on_call is not None:
        changes.assignee = team.on_call
        actions.append(f"assigned to on-call {team.on_call.name}")
    if rule.add_tag:
        changes.tags = [*ticket.tags.values_list("name", flat=True), rule.add_tag]
        actions.append(f"tagged {rule.add_tag}")
    recipients: list[User] = []
    if rule.notify_assignee and ticket.assignee is not None:
        recipients.append(ticket.assignee)
    if rule.notify_team_supervisors and team is not None:
        recipients += list(team.members.filter(role=Role.SUPERVISOR, is_active=True))
    if rule.notify_on_call and team is not None and team.on_call is not None:
        recipients.append(team.on_call)
    if actions:
        update_ticket(ticket, actor=Actor.system(), changes=changes)
    what = "is close to" if trigger == "warning" else "has passed"
    if recipients:
        notify(
            recipients,
            subject=f"Ticket #{ticket.pk} {what} its {clock.get_target_display().lower()} target",
            body=f"{ticket.subject}\nDue {clock.due_at:%Y-%m-%d %H:%M %Z}. Escalation: {rule.name}.",
            url=f"/tickets/{ticket.pk}/",
        )
    record_event(
        ticket,
        "sla.escalated",
        actor=Actor.system(),
        data={
            "rule": rule.name,
            "level": rule.position,
            "trigger": trigger,
            "target": clock.target,
            "actions": actions,
            "notified": sorted({user.name for user in recipients}),
        },
    )


def run_due_escalations(*, now: datetime, limit: int = 500) -> int:
    """Apply the delayed levels that have fallen due; drop those whose clock stopped meanwhile."""
    done = 0
    due_ids = list(
        PendingEscalation.objects.filter(done_at__isnull=True, due_at__lte=now)
        .order_by("due_at")
        .values_list("id", flat=True)[:limit]
    )
    for pending_id in due_ids:
        with transaction.atomic():
            pending = (
                PendingEscalation.objects.select_for_update(of=("self",))
                .select_related("rule", "clock", "clock__policy")
                .filter(pk=pending_id, done_at__isnull=True)
                .first()
            )
            if pending is None:
                continue
            if pending.clock.state in OPEN_STATES:
                apply_rule(pending.rule, pending.clock, trigger=pending.rule.trigger)
                done += 1
            pending.done_at = now
            pending.save(update_fields=["done_at"])
    return done
