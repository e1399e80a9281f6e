"""Using a macro on a ticket: preview the reply, or apply it with its actions in one go."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from caredesk.accounts import policy
from caredesk.accounts.models import User
from caredesk.automation.choices import MacroEventKind
from caredesk.automation.models import Macro, MacroTranslation, MacroUsage
from caredesk.automation.placeholders import render_placeholders
from caredesk.core import clock
from caredesk.core.errors import NotFound, ValidationFailed
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Priority, TicketStatus
from caredesk.tickets.events import record_event
from caredesk.tickets.locks import locked_ticket
from caredesk.tickets.models import Message, Ticket
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket


@dataclass(frozen=True)
class MacroPreview:
    """What applying the macro would do, rendered for this ticket; nothing is written."""

    language: str  # of the reply; empty when the macro has none
    body: str
    internal_note: str
    actions: list[str]


@dataclass(frozen=True)
class MacroApplied:
    ticket: Ticket
    reply: Message | None
    note: Message | None


def translation_for(macro: Macro, ticket: Ticket) -> MacroTranslation | None:
    """The reply in the customer's language, else the ticket's, else the macro's default
    language, else any (the first by language code)."""
    written = {each.language: each for each in macro.translations.all()}
    wanted = [ticket.requester.language, ticket.language, macro.default_language]
    for code in wanted:
        for candidate in (code.lower(), code.lower().split("-")[0]):
            if candidate and candidate in written:
                return written[candidate]
    return written[min(written)] if written else None


def action_summary(macro: Macro) -> list[str]:
    """The bundled actions in words, as the agent sees them before applying."""
    actions = []
    if macro.set_status:
        actions.append(f"Set status to {TicketStatus(macro.set_status).label}")
    if macro.set_priority is not None:
        actions.append(f"Set priority to {Priority(macro.set_priority).label}")
    if macro.add_tags:
        actions.append("Add tags " + ", ".join(macro.add_tags))
    if macro.remove_tags:
        actions.append("Remove tags " + ", ".join(macro.remove_tags))
    if macro.assign_to_me:
        actions.append("Assign to me")
    if macro.internal_note:
        actions.append("Add an internal note")
    return actions


def _require_usable(actor: User, macro: Macro) -> None:
    """The caller found the ticket through the selectors; the macro must be in the actor's reach."""
    if not Macro.objects.filter(policy.macro_scope(actor), pk=macro.pk, is_active=True).exists():
        raise NotFound("Macro not found.", field="macro")


def preview_macro(ticket: Ticket, macro: Macro, *, actor: User) -> MacroPreview:
    _require_usable(actor, macro)
    translation = translation_for(macro, ticket)
    language = translation.language if translation else ""
    body = (
        render_placeholders(translation.body, ticket=ticket, agent=actor, language=language)
        if translation
        else ""
    )
    note = render_placeholders(macro.internal_note, ticket=ticket, agent=actor, language=language)
    return MacroPreview(
        language=language, body=body, internal_note=note, actions=action_summary(macro)
    )


def _changes(ticket: Ticket, macro: Macro, actor: User, *, with_status: bool) -> TicketChanges:
    changes = TicketChanges()
    if with_status and macro.set_status:
        changes.status = macro.set_status
    if macro.set_priority is not None:
        changes.priority = macro.set_priority
    if macro.assign_to_me:
        changes.assignee = actor
    if macro.add_tags or macro.remove_tags:
        tags = set(ticket.tags.values_list("name", flat=True))
        changes.tags = sorted((tags | set(macro.add_tags)) - set(macro.remove_tags))
    return changes


def apply_macro(
    ticket: Ticket, macro: Macro, *, actor: User, body_override: str | None = None
) -> MacroApplied:
    """Send the macro's reply (or ``body_override``, the agent's edit of the preview, taken as it
    is) and run its actions, all in one transaction with one timeline event naming the macro.

    The caller found ``ticket`` through the selectors. A refusal anywhere (a closed ticket, a
    status the ticket cannot take) rolls everything back, usage count included.
    """
    preview = preview_macro(ticket, macro, actor=actor)
    body = preview.body if body_override is None else body_override
    if body_override is not None and not body_override.strip():
        raise ValidationFailed("Write the reply before sending.", field="body")
    who = Actor.of_user(actor)
    with transaction.atomic():
        ticket = locked_ticket(ticket.pk)
        now = clock.now()
        record_event(
            ticket,
            MacroEventKind.APPLIED,
            actor=who,
            data={"macro_id": macro.pk, "macro": macro.name, "language": preview.language},
        )
        reply = None
        if body.strip():
            reply = add_message(ticket, actor=who, body=body, status=macro.set_status or None)
            ticket = locked_ticket(ticket.pk)
        update_ticket(
            ticket, actor=who, changes=_changes(ticket, macro, actor, with_status=reply is None)
        )
        note = None
        if preview.internal_note:
            note = add_message(ticket, actor=who, body=preview.internal_note, is_public=False)
        Macro.objects.filter(pk=macro.pk).update(usage_count=F("usage_count") + 1, last_used_at=now)
        usage, _ = MacroUsage.objects.get_or_create(
            macro=macro, user=actor, defaults={"last_used_at": now}
        )
        MacroUsage.objects.filter(pk=usage.pk).update(count=F("count") + 1, last_used_at=now)
        ticket = locked_ticket(ticket.pk)
    return MacroApplied(ticket=ticket, reply=reply, note=note)
