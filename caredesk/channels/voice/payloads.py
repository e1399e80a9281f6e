"""What phone systems send, turned into ``CallFacts``: the generic JSON shape and Twilio's form.

Parsing raises ``ValidationFailed`` naming the field at fault, in the sender's own vocabulary
(``from``, ``CallSid``), so a phone-system admin can find what to fix.
"""

from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import parse_qsl

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints

from caredesk.channels.voice.choices import CallDirection, CallOutcome
from caredesk.channels.webhook_requests import parse_json_payload
from caredesk.core.errors import ValidationFailed

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Number = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
CallId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


@dataclass(frozen=True)
class CallFacts:
    provider_call_id: str
    direction: str
    from_number: str
    to_number: str
    # None: a progress or recording event that does not end the call.
    outcome: str | None
    duration_seconds: int = 0
    notes: str = ""
    recording_url: str = ""
    caller_name: str = ""

    @property
    def customer_number(self) -> str:
        return self.from_number if self.direction == CallDirection.INBOUND else self.to_number

    @property
    def customer_number_field(self) -> str:
        return "from" if self.direction == CallDirection.INBOUND else "to"


class GenericCallEvent(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    call_id: CallId
    direction: Literal["inbound", "outbound"]
    from_number: Number = Field(alias="from")
    to_number: Number = Field(alias="to")
    outcome: Literal["answered", "missed", "voicemail", "busy", "failed"]
    duration_seconds: int = Field(default=0, ge=0, le=7 * 24 * 3600)
    recording_url: HttpUrl | None = None
    notes: str = Field(default="", max_length=10_000)
    caller_name: ShortText = ""


def parse_generic(body: bytes) -> CallFacts:
    event = parse_json_payload(body, GenericCallEvent)
    return CallFacts(
        provider_call_id=event.call_id,
        direction=event.direction,
        from_number=event.from_number,
        to_number=event.to_number,
        outcome=event.outcome,
        duration_seconds=event.duration_seconds,
        notes=event.notes.strip(),
        recording_url=str(event.recording_url) if event.recording_url else "",
        caller_name=event.caller_name,
    )


def parse_form(body: bytes) -> list[tuple[str, str]]:
    """An ``application/x-www-form-urlencoded`` body as (name, value) pairs, in order."""
    try:
        return parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body))
    except (UnicodeDecodeError, ValueError) as error:
        raise ValidationFailed(f"The body is not a form: {error}", field="body") from error


# https://www.twilio.com/docs/voice/api/call-resource#call-status-values
TWILIO_OUTCOMES = {
    "completed": CallOutcome.ANSWERED,
    "no-answer": CallOutcome.MISSED,
    "canceled": CallOutcome.MISSED,
    "busy": CallOutcome.BUSY,
    "failed": CallOutcome.FAILED,
}
TWILIO_PROGRESS = frozenset({"queued", "initiated", "ringing", "in-progress"})


def _required(params: dict[str, str], name: str) -> str:
    value = params.get(name, "").strip()
    if not value:
        raise ValidationFailed(f"{name} is required.", field=name)
    if len(value) > 100:
        raise ValidationFailed(f"{name} is longer than 100 characters.", field=name)
    return value


def parse_twilio(pairs: list[tuple[str, str]]) -> CallFacts:
    """Twilio's voice status callback (and recording callback) parameters."""
    params = dict(pairs)
    call_id = _required(params, "CallSid")
    status = params.get("CallStatus", "").strip()
    recording_url = params.get("RecordingUrl", "").strip()
    if not status and not recording_url:
        raise ValidationFailed("CallStatus is required.", field="CallStatus")
    if status and status not in TWILIO_OUTCOMES and status not in TWILIO_PROGRESS:
        raise ValidationFailed(f"Unknown CallStatus {status!r}.", field="CallStatus")
    if recording_url and not recording_url.startswith(("https://", "http://")):
        raise ValidationFailed("RecordingUrl must be an http(s) URL.", field="RecordingUrl")
    raw_duration = params.get("CallDuration", "").strip() or "0"
    if not (raw_duration.isascii() and raw_duration.isdigit()) or len(raw_duration) > 7:
        raise ValidationFailed(
            "CallDuration must be a whole number of seconds.", field="CallDuration"
        )
    duration = int(raw_duration)
    outcome = TWILIO_OUTCOMES.get(status)
    if outcome == CallOutcome.ANSWERED and recording_url and params.get("Voicemail") == "true":
        outcome = CallOutcome.VOICEMAIL
    direction_text = params.get("Direction", "inbound").strip()
    direction = (
        CallDirection.OUTBOUND if direction_text.startswith("outbound") else CallDirection.INBOUND
    )
    # A recording callback names only the call; the numbers came with its status callback.
    numbers_required = bool(status)
    return CallFacts(
        provider_call_id=call_id,
        direction=direction,
        from_number=_required(params, "From") if numbers_required else params.get("From", ""),
        to_number=_required(params, "To") if numbers_required else params.get("To", ""),
        outcome=outcome,
        duration_seconds=duration,
        recording_url=recording_url[:500],
        caller_name=params.get("CallerName", "").strip()[:200],
    )
