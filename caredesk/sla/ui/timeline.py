"""The service levels' timeline events in plain words: clocks started, met, missed, escalated."""

from caredesk.core.screens import Reading, Sentence
from caredesk.sla.choices import SlaEventKind, SlaTarget
from caredesk.sla.selectors import duration_text
from caredesk.tickets.ui.timeline import moment_text, status_text, value_text


def _target(value: object) -> str:
    return str(SlaTarget(value).label) if value in SlaTarget.values else str(value or "SLA")


def _policy(reading: Reading) -> str:
    return f"policy {reading.data.get('policy')}"


def _due_list(reading: Reading) -> str:
    due = reading.data.get("due")
    if not isinstance(due, dict) or not due:
        return "no targets measured"
    # Targets in their usual order: PostgreSQL's jsonb does not keep the order they were written in.
    order = list(SlaTarget.values)
    targets = sorted(due, key=lambda name: order.index(name) if name in order else len(order))
    return ", ".join(
        f"{_target(target).lower()} due {moment_text(due[target], reading)}" for target in targets
    )


def _applied(reading: Reading) -> str:
    return f"SLA policy {reading.data.get('policy')} applied: {_due_list(reading)}"


def _started(reading: Reading) -> str:
    due = moment_text(reading.data.get("due_at"), reading)
    return f"{_target(reading.data.get('target'))} target started ({_policy(reading)}), due {due}"


def _warning(reading: Reading) -> str:
    due = moment_text(reading.data.get("due_at"), reading)
    target = _target(reading.data.get("target"))
    return f"{target} target is close to its due time {due} ({_policy(reading)})"


def _breached(reading: Reading) -> str:
    at = moment_text(reading.data.get("at"), reading)
    return f"{_target(reading.data.get('target'))} target breached at {at} ({_policy(reading)})"


def _met(reading: Reading) -> str:
    used = duration_text(float(reading.data.get("used_seconds") or 0))
    allowed = duration_text(float(reading.data.get("target_seconds") or 0))
    target = _target(reading.data.get("target"))
    return f"{target} target met ({_policy(reading)}; {used} of {allowed} used)"


def _missed(reading: Reading) -> str:
    due = moment_text(reading.data.get("due_at"), reading)
    done = moment_text(reading.data.get("stopped_at"), reading)
    target = _target(reading.data.get("target"))
    return f"{target} target missed: due {due}, done {done} ({_policy(reading)})"


def _paused_or_resumed(reading: Reading) -> str:
    verb = "paused" if reading.event.kind == SlaEventKind.PAUSED else "resumed"
    status = status_text(reading.data.get("status"), for_customer=False)
    return f"{_target(reading.data.get('target'))} clock {verb} (status {status})"


def _policy_changed(reading: Reading) -> str:
    data = reading.data
    return f"SLA policy changed from {data.get('from')} to {data.get('to')}: {_due_list(reading)}"


def _escalated(reading: Reading) -> str:
    actions = list(reading.data.get("actions") or [])
    if reading.data.get("notified"):
        actions.append(f"notified {value_text(reading.data['notified'])}")
    return f"Escalation '{reading.data.get('rule')}': {'; '.join(actions) or 'no action needed'}"


SENTENCES: dict[str, Sentence] = {
    SlaEventKind.APPLIED: _applied,
    SlaEventKind.STARTED: _started,
    SlaEventKind.WARNING: _warning,
    SlaEventKind.BREACHED: _breached,
    SlaEventKind.MET: _met,
    SlaEventKind.MISSED: _missed,
    SlaEventKind.PAUSED: _paused_or_resumed,
    SlaEventKind.RESUMED: _paused_or_resumed,
    SlaEventKind.POLICY_CHANGED: _policy_changed,
    SlaEventKind.ESCALATED: _escalated,
}
