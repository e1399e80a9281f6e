"""Timeline events told as sentences: "Ana changed priority from normal to high".

Times inside a sentence ("breached at 11:00") are given in the reader's own time zone.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from caredesk.automation.choices import (
    ActionKind,
    ApprovalEventKind,
    MacroEventKind,
    RuleEventKind,
)
from caredesk.sla.choices import SlaTarget
from caredesk.sla.selectors import duration_text
from caredesk.tickets.choices import CUSTOMER_STATUS_TEXT, Channel, TicketStatus
from caredesk.tickets.events import EventKind
from caredesk.tickets.models import TicketEvent

FIELD_NAMES = {"custom_fields": "custom fields", "assignee": "the assignee"}


@dataclass(frozen=True)
class TimelineEntry:
    created_at: datetime
    text: str


def _status(value: Any, *, for_customer: bool) -> str:
    if value not in TicketStatus.values:
        return str(value)
    if for_customer:
        return CUSTOMER_STATUS_TEXT[TicketStatus(value)]
    return str(TicketStatus(value).label)


def _value(value: Any) -> str:
    if value is None or value in ("", [], {}):
        return "nothing"
    if isinstance(value, dict) and "name" in value:
        return str(value["name"])
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in sorted(value.items()))
    return str(value)


def _field_change(actor: str, data: dict[str, Any]) -> str:
    field = str(data.get("field", "a field"))
    name = FIELD_NAMES.get(field, field)
    return f"{actor} changed {name} from {_value(data.get('from'))} to {_value(data.get('to'))}"


def _target(data: dict[str, Any]) -> str:
    value = data.get("target")
    return str(SlaTarget(value).label) if value in SlaTarget.values else str(value or "SLA")


def _moment(value: Any, event: TicketEvent, zone: tzinfo) -> str:
    """A time in the reader's zone; the date only when it is not the day the event happened."""
    if not value:
        return "no time"
    try:
        moment = datetime.fromisoformat(str(value)).astimezone(zone)
    except ValueError:
        return str(value)
    if moment.date() == event.created_at.astimezone(zone).date():
        return moment.strftime("%H:%M")
    return moment.strftime("%a %d %b %H:%M")


def _due_list(due: Any, event: TicketEvent, zone: tzinfo) -> str:
    if not isinstance(due, dict) or not due:
        return "no targets measured"
    # Targets in their usual order: PostgreSQL's jsonb does not keep the order they were written in.
    order = list(SlaTarget.values)
    targets = sorted(due, key=lambda name: order.index(name) if name in order else len(order))
    return ", ".join(
        f"{_target({'target': target}).lower()} due {_moment(due[target], event, zone)}"
        for target in targets
    )


def _describe_sla(event: TicketEvent, data: dict[str, Any], zone: tzinfo) -> str:
    kind = event.kind.removeprefix("sla.")
    target = _target(data)
    policy = f"policy {data.get('policy')}"
    if kind == "applied":
        return f"SLA policy {data.get('policy')} applied: {_due_list(data.get('due'), event, zone)}"
    if kind == "started":
        return f"{target} target started ({policy}), due {_moment(data.get('due_at'), event, zone)}"
    if kind == "warning":
        due = _moment(data.get("due_at"), event, zone)
        return f"{target} target is close to its due time {due} ({policy})"
    if kind == "breached":
        return f"{target} target breached at {_moment(data.get('at'), event, zone)} ({policy})"
    if kind == "met":
        used = duration_text(float(data.get("used_seconds") or 0))
        allowed = duration_text(float(data.get("target_seconds") or 0))
        return f"{target} target met ({policy}; {used} of {allowed} used)"
    if kind == "missed":
        return (
            f"{target} target missed: due {_moment(data.get('due_at'), event, zone)}, "
            f"done {_moment(data.get('stopped_at'), event, zone)} ({policy})"
        )
    if kind in ("paused", "resumed"):
        status = _status(data.get("status"), for_customer=False)
        return f"{target} clock {kind} (status {status})"
    if kind == "policy_changed":
        return (
            f"SLA policy changed from {data.get('from')} to {data.get('to')}: "
            f"{_due_list(data.get('due'), event, zone)}"
        )
    if kind == "escalated":
        actions = list(data.get("actions") or [])
        if data.get("notified"):
            actions.append(f"notified {_value(data['notified'])}")
        return f"Escalation '{data.get('rule')}': {'; '.join(actions) or 'no action needed'}"
    return f"SLA: {event.kind}"


def _money(data: dict[str, Any]) -> str:
    action = data.get("action")
    label = ActionKind(action).label.lower() if action in ActionKind.values else str(action)
    return f"{label} of {data.get('amount')} {data.get('currency')}"


def _describe_approval(actor: str, event: TicketEvent, data: dict[str, Any]) -> str:
    money = _money(data)
    limit = data.get("authority_limit")
    limit_text = f"limit {limit} {data.get('currency')}" if limit else "no limit set"
    if event.kind == ApprovalEventKind.WITHIN_AUTHORITY:
        return f"{actor} gave a {money} within their authority ({limit_text}): {data.get('reason')}"
    if event.kind == ApprovalEventKind.REQUESTED:
        notified = data.get("notified")
        sent = f"; notified {_value(notified)}" if notified else ""
        return f"{actor} asked for approval of a {money} ({limit_text}){sent}: {data.get('reason')}"
    if event.kind in (ApprovalEventKind.APPROVED, ApprovalEventKind.DENIED):
        verb = "approved" if event.kind == ApprovalEventKind.APPROVED else "denied"
        note = f": {data['note']}" if data.get("note") else ""
        return f"{actor} {verb} {data.get('requested_by')}'s {money}{note}"
    if event.kind == ApprovalEventKind.CANCELLED:
        return f"{actor} withdrew the request for a {money}"
    return f"{actor}: {event.kind}"


def _predictions(data: dict[str, Any]) -> str:
    return ", ".join(
        f"{target} {item.get('to')} ({float(item.get('confidence') or 0):.2f} sure)"
        for target, item in sorted(data.items())
        if isinstance(item, dict)
    )


def _describe_intelligence(actor: str, event: TicketEvent, data: dict[str, Any]) -> str:
    if event.kind == "intelligence.classified":
        return f"Triage set {_predictions(data)}"
    if event.kind == "intelligence.suggestion_applied":
        return f"{actor} applied the triage suggestion: {_predictions(data)}"
    if event.kind == "intelligence.frustration":
        reasons = ", ".join(map(str, data.get("reasons") or [])) or "no named signal"
        return f"Triage read frustration {float(data.get('frustration') or 0):.2f} ({reasons})"
    return f"{actor}: {event.kind}"


def _describe_rule(actor: str, event: TicketEvent, data: dict[str, Any]) -> str:
    if event.kind == RuleEventKind.FIRED:
        done = ", ".join(data.get("actions") or []) or "did nothing"
        return f"{actor} fired ({str(data.get('event', '')).replace('_', ' ')}): {done}"
    if event.kind == RuleEventKind.FAILED:
        return f"{actor} failed and changed nothing: {data.get('error')}"
    if event.kind == RuleEventKind.WEBHOOK_DELIVERED:
        return f"{actor} called {data.get('url')} (HTTP {data.get('response_code')})"
    if event.kind == RuleEventKind.WEBHOOK_FAILED:
        return (
            f"{actor} could not call {data.get('url')} after {data.get('attempts')} attempts: "
            f"{data.get('error')}"
        )
    return f"{actor}: {event.kind}"


def describe(event: TicketEvent, *, for_customer: bool = False, zone: tzinfo = UTC) -> str:
    actor = event.actor_name or "caredesk"
    data = event.data or {}
    kind = event.kind
    if for_customer and data.get("rule"):
        actor = "caredesk"  # rule names are the team's internal business
    if kind.startswith("rule."):
        return _describe_rule(actor, event, data)
    if kind.startswith("sla."):
        return _describe_sla(event, data, zone)
    if kind.startswith("approval."):
        return _describe_approval(actor, event, data)
    if kind.startswith("intelligence."):
        return _describe_intelligence(actor, event, data)
    if kind == MacroEventKind.APPLIED:
        return f"{actor} applied the macro '{data.get('macro')}'"
    if kind.startswith("routing."):
        return f"Routing: {data.get('summary') or kind}"
    if kind == EventKind.CREATED and for_customer:
        return f"{actor} opened this request"
    if kind == EventKind.CREATED:
        channel = Channel(event.channel).label if event.channel in Channel.values else "caredesk"
        return f"{actor} opened the ticket ({channel})"
    if kind == EventKind.MESSAGE_ADDED:
        return f"{actor} replied"
    if kind == EventKind.NOTE_ADDED:
        return f"{actor} added an internal note"
    if kind in (EventKind.STATUS_CHANGED, EventKind.REOPENED):
        before = _status(data.get("from"), for_customer=for_customer)
        after = _status(data.get("to"), for_customer=for_customer)
        if for_customer:
            return f"Status: {after}"
        verb = "reopened the ticket" if kind == EventKind.REOPENED else "changed the status"
        return f"{actor} {verb} from {before} to {after}"
    if kind == EventKind.FIELD_CHANGED:
        return _field_change(actor, data)
    if kind == EventKind.FOLLOW_UP_OPENED:
        return f"{actor} wrote after closing; follow-up #{data.get('follow_up_id')} was opened"
    if kind == EventKind.MERGED_INTO:
        return f"{actor} merged this ticket into #{data.get('target_id')}"
    if kind == EventKind.MERGED_FROM:
        return f"{actor} merged #{data.get('source_id')} into this ticket"
    if kind == EventKind.SPLIT_FROM:
        return f"{actor} split this ticket from #{data.get('ticket_id')}"
    if kind == EventKind.SPLIT_TO:
        return f"{actor} split a message into #{data.get('ticket_id')}"
    if kind == EventKind.LINKED:
        return f"{actor} linked this ticket with #{data.get('ticket_id')}"
    if kind == EventKind.UNLINKED:
        return f"{actor} removed the link with #{data.get('ticket_id')}"
    return f"{actor}: {kind}"


def timeline(
    events: Iterable[TicketEvent], *, for_customer: bool = False, zone: tzinfo = UTC
) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            created_at=event.created_at,
            text=describe(event, for_customer=for_customer, zone=zone),
        )
        for event in events
    ]
