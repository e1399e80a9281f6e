"""Editing a ticket's fields: status, priority, assignee, team, category, tags, custom fields."""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from caredesk.accounts import policy
from caredesk.accounts.models import Team, User
from caredesk.core import bus, clock
from caredesk.core.errors import PermissionDenied, StaleVersion, ValidationFailed
from caredesk.tickets import search, transitions
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel, Priority
from caredesk.tickets.custom_fields import validate_custom_fields
from caredesk.tickets.domain_events import TicketChanged
from caredesk.tickets.events import EventKind, record_event
from caredesk.tickets.locks import locked_ticket
from caredesk.tickets.models import Category, Ticket
from caredesk.tickets.services.open_ticket import check_assignee, clean_subject
from caredesk.tickets.services.stamping import save_change
from caredesk.tickets.services.status import apply_status
from caredesk.tickets.tagging import normalise_tags, tag_rows

UNSET: Any = object()
STATUS_FIELDS = frozenset({"status", "solved_at", "closed_at"})


@dataclass
class TicketChanges:
    """Only the attributes given (not UNSET) change. ``custom_fields`` merges; None clears a key."""

    subject: Any = UNSET
    status: Any = UNSET
    priority: Any = UNSET
    assignee: Any = UNSET  # User | None
    team: Any = UNSET  # Team | None
    category: Any = UNSET  # Category | None
    tags: Any = UNSET  # list[str]
    custom_fields: dict[str, Any] = field(default_factory=dict)


def _describe(value: Any) -> Any:
    if isinstance(value, User | Team):
        return {"id": value.pk, "name": value.name}
    if isinstance(value, Category):
        return value.slug
    return value


def _set_field(
    ticket: Ticket, name: str, value: Any, actor: Actor, channel: str, changed: list[str]
) -> None:
    before = getattr(ticket, name)
    if before == value:
        return
    setattr(ticket, name, value)
    changed.append(name)
    shown_before, shown_after = _describe(before), _describe(value)
    if name == "priority":
        shown_before, shown_after = Priority(before).label, Priority(value).label
    record_event(
        ticket,
        EventKind.FIELD_CHANGED,
        actor=actor,
        channel=channel,
        data={"field": name, "from": shown_before, "to": shown_after},
    )


def update_ticket(
    ticket: Ticket,
    *,
    actor: Actor,
    changes: TicketChanges,
    expected_version: int | None = None,
    channel: str = Channel.INTERNAL,
) -> Ticket:
    """Apply ``changes`` under the row lock; refuse with 412 if ``expected_version`` is stale."""
    if not actor.is_system and not policy.can_update_ticket(actor.user, ticket):
        raise PermissionDenied("You may not edit this ticket.")
    if changes.subject is not UNSET:
        if not changes.subject.strip():
            raise ValidationFailed("The subject cannot be empty.", field="subject")
        changes.subject = clean_subject(changes.subject, "")
    if changes.assignee is not UNSET:
        check_assignee(changes.assignee)
    if changes.team is None:
        raise ValidationFailed(
            "A ticket needs a team, or nobody but admins would see it.", field="team"
        )
    tag_names = normalise_tags(changes.tags) if changes.tags is not UNSET else None
    fields = validate_custom_fields(changes.custom_fields)
    with transaction.atomic():
        ticket = locked_ticket(ticket.pk)
        if expected_version is not None and ticket.version != expected_version:
            raise StaleVersion(
                f"The ticket changed since version {expected_version}; it is now at {ticket.version}.",
                field="If-Match",
            )
        now = clock.now()
        changed: list[str] = []
        status_changed = None
        if changes.status is not UNSET and changes.status != ticket.status:
            transitions.check_transition(ticket.status, changes.status)
            status_changed = apply_status(
                ticket, changes.status, actor=actor, channel=channel, now=now
            )
            changed += ["status", "solved_at", "closed_at"]
        for name in ("subject", "priority", "assignee", "team", "category"):
            value = getattr(changes, name)
            if value is not UNSET:
                _set_field(ticket, name, value, actor, channel, changed)
        if fields:
            merged = {**ticket.custom_fields, **fields}
            merged = {key: value for key, value in merged.items() if value is not None}
            _set_field(ticket, "custom_fields", merged, actor, channel, changed)
        if tag_names is not None:
            before = sorted(ticket.tags.values_list("name", flat=True))
            if before != tag_names:
                ticket.tags.set(tag_rows(tag_names))
                changed.append("tags")
                record_event(
                    ticket,
                    EventKind.FIELD_CHANGED,
                    actor=actor,
                    channel=channel,
                    data={"field": "tags", "from": before, "to": tag_names},
                )
        if changed:
            save_change(ticket, now, [name for name in changed if name != "tags"])
            if "subject" in changed:
                search.index_ticket(ticket)
            if status_changed is not None:
                bus.publish(status_changed)
            other_fields = tuple(name for name in changed if name not in STATUS_FIELDS)
            if other_fields:
                bus.publish(TicketChanged(ticket=ticket, fields=other_fields, actor=actor, at=now))
    return ticket


def add_tag(ticket: Ticket, name: str, *, actor: Actor, channel: str) -> Ticket:
    """Tag the ticket with ``name`` unless it has the tag already (then nothing is recorded)."""
    tags = list(ticket.tags.values_list("name", flat=True))
    if name in tags:
        return ticket
    return update_ticket(
        ticket, actor=actor, changes=TicketChanges(tags=[*tags, name]), channel=channel
    )
