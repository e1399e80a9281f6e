"""What a phone system hears back after an event, in JSON."""

from typing import Any

from caredesk.channels.voice.services.intake import Processed


def processed_body(processed: Processed) -> dict[str, Any]:
    call = processed.logged.call
    callback = processed.logged.callback
    return {
        "event_id": processed.event.pk,
        "state": processed.event.state,
        "call_id": call.pk if call else None,
        "ticket_id": call.message.ticket_id if call else None,
        "message_id": call.message_id if call else None,
        "callback_due_at": callback.due_at.isoformat() if callback else None,
    }
