"""The inbound message shape every bridge posts, parsed with the field at fault named.

{"message_id": "wamid.HBg...", "conversation_id": "4917012345",
 "sender": {"id": "+4917012345", "name": "Cora"}, "text": "Hello", "subject": "optional"}
"""

from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from caredesk.channels.webhook_requests import parse_json_payload
from caredesk.core.errors import ValidationFailed

ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class Sender(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: ExternalId
    name: str = Field(default="", max_length=200)


class InboundMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")

    message_id: ExternalId
    conversation_id: ExternalId
    sender: Sender
    text: str = Field(min_length=1, max_length=200_000)
    subject: str = Field(default="", max_length=300)


@dataclass(frozen=True)
class IncomingSocialMessage:
    message_id: str
    conversation_id: str
    sender_id: str
    sender_name: str
    text: str
    subject: str


def parse_inbound(body: bytes) -> IncomingSocialMessage:
    parsed = parse_json_payload(body, InboundMessage)
    if not parsed.text.strip():
        raise ValidationFailed("text: the message is empty", field="text")
    return IncomingSocialMessage(
        message_id=parsed.message_id,
        conversation_id=parsed.conversation_id,
        sender_id=parsed.sender.id,
        sender_name=parsed.sender.name.strip(),
        text=parsed.text,
        subject=parsed.subject.strip(),
    )
