"""Phone calls on tickets: logged by an agent, or reported by a phone system."""

import contextlib
from dataclasses import dataclass, replace

from django.db import IntegrityError, transaction

from caredesk.accounts import policy
from caredesk.channels.voice.choices import NEEDS_CALLBACK, CallDirection, CallOutcome
from caredesk.channels.voice.models import CallbackRequest, CallRecord, VoiceIntegration
from caredesk.channels.voice.payloads import CallFacts
from caredesk.channels.voice.services.callbacks import complete_callbacks, schedule_callback
from caredesk.core import clock
from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from caredesk.customers.choices import IdentityKind
from caredesk.customers.models import Customer
from caredesk.customers.phone_numbers import normalise_phone
from caredesk.customers.services.identities import add_identity, resolve_customer_by_identity
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import UNRESOLVED_STATUSES, Channel
from caredesk.tickets.models import Message, Ticket
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.open_ticket import open_ticket

MAX_NOTES_LENGTH = 10_000


def _duration_text(seconds: int) -> str:
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


def describe_call(
    *,
    direction: str,
    from_number: str,
    to_number: str,
    outcome: str,
    duration_seconds: int,
    notes: str,
    recording_url: str,
) -> str:
    """The message text that logs a call; the same facts are kept as fields on the CallRecord."""
    if direction == CallDirection.INBOUND:
        line = f"Phone call from {from_number} to {to_number}"
    else:
        line = f"Phone call to {to_number} from {from_number}"
    line += f": {CallOutcome(outcome).label.lower()}"
    if duration_seconds:
        line += f", {_duration_text(duration_seconds)}"
    parts = [line + "."]
    if notes:
        parts.append(f"Notes: {notes}")
    if recording_url:
        parts.append(f"Recording: {recording_url}")
    return "\n\n".join(parts)


def _check_choice(value: str, choices: type[CallDirection] | type[CallOutcome], field: str) -> None:
    if value not in choices.values:
        raise ValidationFailed(f"{field} must be one of {', '.join(choices.values)}.", field=field)


def _number(value: str, field: str) -> str:
    try:
        return normalise_phone(value)
    except ValidationFailed as error:
        raise ValidationFailed(error.message, field=field) from error


def _either_number(raw: str, customer_number: str, is_customer_side: bool) -> str:
    """The customer's side as normalised; our side as the phone system named it (it may be a SIP
    user or an extension rather than a number)."""
    if is_customer_side:
        return customer_number
    try:
        return normalise_phone(raw)
    except ValidationFailed:
        return raw.strip()[:40]


def _remember_number(customer: Customer, number: str) -> None:
    """The customer called from (or was called on) this number: let it find them next time."""
    # A number that already identifies another customer is for a person to merge, not us.
    with contextlib.suppress(Conflict):
        add_identity(customer, kind=IdentityKind.PHONE, value=number)


def log_call(
    ticket: Ticket,
    *,
    actor: Actor,
    direction: str,
    from_number: str,
    to_number: str,
    outcome: str,
    duration_seconds: int = 0,
    notes: str = "",
    recording_url: str = "",
    is_public: bool = False,
) -> CallRecord:
    """An agent logs a call they made or took, as an internal note or a public message.

    An answered call to the customer settles the callbacks owed on the ticket.
    """
    if not actor.is_agent or not policy.can_update_ticket(actor.user, ticket):
        raise PermissionDenied("Only the team can log calls.")
    _check_choice(direction, CallDirection, "direction")
    _check_choice(outcome, CallOutcome, "outcome")
    from_number, to_number = _number(from_number, "from_number"), _number(to_number, "to_number")
    if duration_seconds < 0:
        raise ValidationFailed("The duration cannot be negative.", field="duration_seconds")
    if len(notes) > MAX_NOTES_LENGTH:
        raise ValidationFailed(
            f"Notes are longer than {MAX_NOTES_LENGTH} characters.", field="notes"
        )
    if recording_url and not recording_url.startswith(("https://", "http://")):
        raise ValidationFailed("The recording link must be an http(s) URL.", field="recording_url")
    notes = notes.strip()
    body = describe_call(
        direction=direction,
        from_number=from_number,
        to_number=to_number,
        outcome=outcome,
        duration_seconds=duration_seconds,
        notes=notes,
        recording_url=recording_url,
    )
    with transaction.atomic():
        message = add_message(
            ticket, actor=actor, body=body, is_public=is_public, channel=Channel.PHONE
        )
        call = CallRecord.objects.create(
            message=message,
            direction=direction,
            from_number=from_number,
            to_number=to_number,
            duration_seconds=duration_seconds,
            outcome=outcome,
            notes=notes,
            recording_url=recording_url,
            logged_by=actor.user,
            created_at=message.created_at,
        )
        customer_number = from_number if direction == CallDirection.INBOUND else to_number
        _remember_number(message.ticket.requester, customer_number)
        if direction == CallDirection.OUTBOUND and outcome == CallOutcome.ANSWERED:
            complete_callbacks(message.ticket, call=call, actor=actor, now=message.created_at)
    return call


@dataclass(frozen=True)
class CallLogged:
    call: CallRecord | None  # None: a progress event, nothing logged yet
    created: bool
    callback: CallbackRequest | None = None


def _open_phone_ticket(customer: Customer) -> Ticket | None:
    return (
        Ticket.objects.filter(
            requester=customer,
            channel=Channel.PHONE,
            status__in=UNRESOLVED_STATUSES,
            merged_into__isnull=True,
        )
        .order_by("-updated_at", "-id")
        .first()
    )


def _log_on_ticket(
    integration: VoiceIntegration, facts: CallFacts, customer: Customer, external_id: str
) -> Message:
    """Thread the call to the customer's open phone ticket, or open one."""
    outcome = facts.outcome
    assert outcome is not None
    inbound = facts.direction == CallDirection.INBOUND
    text = describe_call(
        direction=facts.direction,
        from_number=facts.from_number,
        to_number=facts.to_number,
        outcome=outcome,
        duration_seconds=facts.duration_seconds,
        notes=facts.notes,
        # The recording is the team's: it stays on the CallRecord, out of a public message.
        recording_url="" if inbound else facts.recording_url,
    )
    # The caller's call is their message to us; a call we placed is the team's note.
    actor = Actor.of_customer(customer) if inbound else Actor.system()
    ticket = _open_phone_ticket(customer)
    if ticket is None:
        subject = (
            f"Phone call from {facts.from_number}"
            if inbound
            else f"Phone call to {facts.to_number}"
        )
        ticket = open_ticket(
            requester=customer,
            actor=actor,
            subject=subject,
            body=text,
            channel=Channel.PHONE,
            team=integration.team,
            external_id=external_id,
        )
        return ticket.messages.get(channel=Channel.PHONE, external_id=external_id)
    return add_message(
        ticket,
        actor=actor,
        body=text,
        is_public=inbound,
        channel=Channel.PHONE,
        external_id=external_id,
    )


def _add_recording(call: CallRecord, recording_url: str) -> bool:
    if not recording_url or call.recording_url == recording_url:
        return False
    call.recording_url = recording_url
    call.save(update_fields=["recording_url"])
    return True


def handle_call_event(integration: VoiceIntegration, facts: CallFacts) -> CallLogged:
    """Log a finished call on the customer's phone ticket; idempotent on the provider's call id.

    The caller is found by their number (a new customer on first contact). A redelivered event
    returns the call already logged, adding a recording link it did not have. A missed inbound call
    schedules a callback.
    """
    provider = integration.provider
    existing = CallRecord.objects.filter(
        provider=provider, provider_call_id=facts.provider_call_id
    ).first()
    if existing is not None:
        _add_recording(existing, facts.recording_url)
        return CallLogged(call=existing, created=False)
    outcome = facts.outcome
    if outcome is None:
        return CallLogged(call=None, created=False)
    number = _number(facts.customer_number, facts.customer_number_field)
    customer_side = facts.customer_number_field
    facts = replace(
        facts,
        from_number=_either_number(facts.from_number, number, customer_side == "from"),
        to_number=_either_number(facts.to_number, number, customer_side == "to"),
    )
    external_id = f"call:{provider}:{facts.provider_call_id}"
    try:
        with transaction.atomic():
            customer = resolve_customer_by_identity(
                IdentityKind.PHONE, number, name=facts.caller_name
            )
            message = _log_on_ticket(integration, facts, customer, external_id)
            now = clock.now()
            call = CallRecord.objects.create(
                message=message,
                integration=integration,
                provider=provider,
                provider_call_id=facts.provider_call_id,
                direction=facts.direction,
                from_number=facts.from_number,
                to_number=facts.to_number,
                duration_seconds=facts.duration_seconds,
                outcome=outcome,
                notes=facts.notes,
                recording_url=facts.recording_url,
                created_at=now,
            )
            callback = None
            if facts.direction == CallDirection.INBOUND and facts.outcome in NEEDS_CALLBACK:
                callback = schedule_callback(call, integration=integration, now=now)
            elif (
                facts.outcome == CallOutcome.ANSWERED and facts.direction == CallDirection.OUTBOUND
            ):
                complete_callbacks(message.ticket, call=call, actor=Actor.system(), now=now)
            return CallLogged(call=call, created=True, callback=callback)
    except IntegrityError:
        # Two deliveries of one call raced; the other one logged it.
        winner = CallRecord.objects.filter(
            provider=provider, provider_call_id=facts.provider_call_id
        ).first()
        if winner is None:
            raise
        return CallLogged(call=winner, created=False)
