"""Automation's timeline events in plain words: rules fired, webhooks called, macros applied,
approvals asked for and decided, tickets routed. All internal: none reaches the portal."""

from caredesk.automation.choices import (
    ActionKind,
    ApprovalEventKind,
    MacroEventKind,
    RoutingEventKind,
    RuleEventKind,
)
from caredesk.core.screens import Reading, Sentence
from caredesk.tickets.ui.timeline import value_text


def _money(reading: Reading) -> str:
    action = reading.data.get("action")
    label = ActionKind(action).label.lower() if action in ActionKind.values else str(action)
    return f"{label} of {reading.data.get('amount')} {reading.data.get('currency')}"


def _limit(reading: Reading) -> str:
    limit = reading.data.get("authority_limit")
    return f"limit {limit} {reading.data.get('currency')}" if limit else "no limit set"


def _within_authority(reading: Reading) -> str:
    return (
        f"{reading.actor} gave a {_money(reading)} within their authority ({_limit(reading)}): "
        f"{reading.data.get('reason')}"
    )


def _requested(reading: Reading) -> str:
    notified = reading.data.get("notified")
    sent = f"; notified {value_text(notified)}" if notified else ""
    return (
        f"{reading.actor} asked for approval of a {_money(reading)} ({_limit(reading)}){sent}: "
        f"{reading.data.get('reason')}"
    )


def _decided(reading: Reading) -> str:
    verb = "approved" if reading.event.kind == ApprovalEventKind.APPROVED else "denied"
    note = f": {reading.data['note']}" if reading.data.get("note") else ""
    asker = reading.data.get("requested_by")
    return f"{reading.actor} {verb} {asker}'s {_money(reading)}{note}"


def _fired(reading: Reading) -> str:
    done = ", ".join(reading.data.get("actions") or []) or "did nothing"
    on = str(reading.data.get("event", "")).replace("_", " ")
    return f"{reading.actor} fired ({on}): {done}"


def _webhook_failed(reading: Reading) -> str:
    data = reading.data
    return (
        f"{reading.actor} could not call {data.get('url')} after {data.get('attempts')} "
        f"attempts: {data.get('error')}"
    )


def _routed(reading: Reading) -> str:
    return f"Routing: {reading.data.get('summary') or 'the ticket was handed out'}"


SENTENCES: dict[str, Sentence] = {
    RuleEventKind.FIRED: _fired,
    RuleEventKind.FAILED: lambda reading: (
        f"{reading.actor} failed and changed nothing: {reading.data.get('error')}"
    ),
    RuleEventKind.WEBHOOK_QUEUED: lambda reading: (
        f"{reading.actor} will call {reading.data.get('url')}"
    ),
    RuleEventKind.WEBHOOK_DELIVERED: lambda reading: (
        f"{reading.actor} called {reading.data.get('url')} "
        f"(HTTP {reading.data.get('response_code')})"
    ),
    RuleEventKind.WEBHOOK_FAILED: _webhook_failed,
    ApprovalEventKind.WITHIN_AUTHORITY: _within_authority,
    ApprovalEventKind.REQUESTED: _requested,
    ApprovalEventKind.APPROVED: _decided,
    ApprovalEventKind.DENIED: _decided,
    ApprovalEventKind.CANCELLED: lambda reading: (
        f"{reading.actor} withdrew the request for a {_money(reading)}"
    ),
    MacroEventKind.APPLIED: lambda reading: (
        f"{reading.actor} applied the macro '{reading.data.get('macro')}'"
    ),
    RoutingEventKind.ASSIGNED: _routed,
    RoutingEventKind.WAITING: _routed,
    RoutingEventKind.REASSIGNED: _routed,
}
