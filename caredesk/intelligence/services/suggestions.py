"""An agent taking a suggestion the classifiers made when the ticket opened."""

from django.db import transaction

from caredesk.core.errors import ValidationFailed
from caredesk.intelligence.choices import Target
from caredesk.intelligence.models import Insight
from caredesk.intelligence.services.classification import value_for
from caredesk.tickets.actors import Actor
from caredesk.tickets.events import record_event
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.update import TicketChanges, update_ticket

SUGGESTION_APPLIED_EVENT = "intelligence.suggestion_applied"


def opening_predictions(ticket: Ticket) -> dict:
    """The predictions stored for the message that opened ``ticket`` ({} when none were made)."""
    insight = (
        Insight.objects.filter(ticket=ticket)
        .exclude(predictions={})
        .order_by("created_at", "id")
        .only("predictions")
        .first()
    )
    return dict(insight.predictions) if insight is not None else {}


def apply_suggestion(
    ticket: Ticket, *, actor: Actor, target: str, expected_version: int | None = None
) -> Ticket:
    """Set ``target`` to what was predicted for it, through ``update_ticket`` (its permission
    check, row lock and field-change event), and note on the timeline that the agent took the
    suggestion, with the confidence and model version behind it, so acceptance can be measured.
    """
    if target not in Target.values:
        raise ValidationFailed(f"{target!r} is not a field triage predicts.", field="target")
    prediction = opening_predictions(ticket).get(target)
    if prediction is None:
        raise ValidationFailed(f"There is no {target} suggestion for this ticket.", field="target")
    label = str(prediction["label"])
    value = value_for(target, label)
    if value is None:
        raise ValidationFailed(
            f"The suggested {target} {label!r} no longer exists; choose another.", field="target"
        )
    with transaction.atomic():
        ticket = update_ticket(
            ticket,
            actor=actor,
            changes=TicketChanges(**{target: value}),
            expected_version=expected_version,
        )
        record_event(
            ticket,
            SUGGESTION_APPLIED_EVENT,
            actor=actor,
            data={
                target: {
                    "to": label,
                    "confidence": prediction.get("confidence"),
                    "source": prediction.get("source"),
                    "model_version": prediction.get("model_version"),
                }
            },
        )
    return ticket
