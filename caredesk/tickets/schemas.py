"""API schemas for tickets. Inputs refuse unknown fields, so a typo is a 422, not a silent no-op."""

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, EmailStr, Field

from caredesk.tickets.choices import Channel, Priority
from caredesk.tickets.models import Attachment, Message, Ticket, TicketEvent

PriorityName = Literal["low", "normal", "high", "urgent"]
StatusName = Literal["new", "open", "pending", "on_hold", "solved", "closed"]
ChannelName = Literal["email", "web", "chat", "phone", "social", "api", "internal"]


class StrictSchema(Schema):
    model_config = ConfigDict(extra="forbid")


class RequesterIn(StrictSchema):
    email: EmailStr
    name: str = Field(default="", max_length=200)


class TicketCreateIn(StrictSchema):
    subject: str = Field(max_length=300)
    body: str = Field(min_length=1, max_length=200_000)
    requester: RequesterIn | None = None
    channel: ChannelName = "api"
    priority: PriorityName = "normal"
    category: str | None = Field(default=None, max_length=50)
    tags: list[str] = Field(default_factory=list, max_length=30)
    custom_fields: dict[str, Any] = Field(default_factory=dict)
    team_id: int | None = None
    assignee_id: int | None = None


class TicketPatchIn(StrictSchema):
    subject: str | None = Field(default=None, max_length=300)
    status: StatusName | None = None
    priority: PriorityName | None = None
    assignee_id: int | None = None
    team_id: int | None = None
    category: str | None = Field(default=None, max_length=50)
    tags: list[str] | None = Field(default=None, max_length=30)
    custom_fields: dict[str, Any] | None = None


class MessageIn(StrictSchema):
    body: str = Field(min_length=1, max_length=200_000)
    public: bool = True
    status: StatusName | None = None


class MergeIn(StrictSchema):
    ids: list[int] = Field(min_length=1, max_length=50)


class LinkIn(StrictSchema):
    target_id: int
    kind: Literal["related", "parent_child", "problem_incident"]


class SplitIn(StrictSchema):
    subject: str = Field(default="", max_length=300)


class MoveIn(StrictSchema):
    ticket_id: int = Field(ge=1, le=2**63 - 1)


class PersonOut(Schema):
    id: int
    name: str


class RequesterOut(Schema):
    id: int
    name: str
    preferred_name: str
    email: str


class SlaDueOut(Schema):
    """One service-level target of the ticket (read from the sla app's clocks by relation name,
    so this app needs no import of it). Finished targets appear only when they were missed."""

    target: str
    state: str
    due_at: datetime | None
    breached_at: datetime | None
    stopped_at: datetime | None


class TicketOut(Schema):
    id: int
    number: int
    subject: str
    status: str
    priority: str
    channel: str
    requester: RequesterOut
    assignee: PersonOut | None
    team: PersonOut | None
    category: str | None
    tags: list[str]
    custom_fields: dict[str, Any]
    language: str
    created_at: datetime
    updated_at: datetime
    first_response_at: datetime | None
    solved_at: datetime | None
    closed_at: datetime | None
    version: int
    merged_into_id: int | None
    follow_up_of_id: int | None
    sla: list[SlaDueOut]

    @staticmethod
    def resolve_sla(ticket: Ticket) -> list[Any]:
        clocks = ticket.sla_clocks.all()
        return [c for c in clocks if c.state in ("running", "paused") or c.breached_at is not None]

    @staticmethod
    def resolve_priority(ticket: Ticket) -> str:
        return Priority(ticket.priority).label

    @staticmethod
    def resolve_category(ticket: Ticket) -> str | None:
        return ticket.category.slug if ticket.category else None

    @staticmethod
    def resolve_tags(ticket: Ticket) -> list[str]:
        return sorted(tag.name for tag in ticket.tags.all())


class TicketPageOut(Schema):
    items: list[TicketOut]
    next: str | None


class AttachmentOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int

    @staticmethod
    def resolve_filename(attachment: Attachment) -> str:
        return attachment.filename


class MessageOut(Schema):
    id: int
    ticket_id: int
    public: bool
    author_kind: str
    author_name: str
    channel: str
    body: str
    html: str
    created_at: datetime
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_public(message: Message) -> bool:
        return message.is_public

    @staticmethod
    def resolve_author_name(message: Message) -> str:
        author = message.author_user or message.author_customer
        return author.name if author else "caredesk"

    @staticmethod
    def resolve_body(message: Message) -> str:
        return message.body_text

    @staticmethod
    def resolve_html(message: Message) -> str:
        return message.body_html

    @staticmethod
    def resolve_attachments(message: Message) -> list[Attachment]:
        return list(message.attachments.all())


class EventOut(Schema):
    id: int
    kind: str
    actor_kind: str
    actor_name: str
    channel: str
    data: dict[str, Any]
    created_at: datetime

    @staticmethod
    def resolve_data(event: TicketEvent) -> dict[str, Any]:
        return event.data


class LinkOut(Schema):
    id: int
    source_id: int
    target_id: int
    kind: str


class CategoryOut(Schema):
    slug: str
    name: str
    is_active: bool


class CategoryIn(StrictSchema):
    name: str = Field(min_length=1, max_length=100)
    slug: str = Field(default="", max_length=50)


class CustomFieldOut(Schema):
    key: str
    label: str
    field_type: str
    choices: list[Any]


class CustomFieldIn(StrictSchema):
    key: str = Field(min_length=1, max_length=50)
    label: str = Field(min_length=1, max_length=100)
    field_type: Literal["text", "number", "date", "choice"]
    choices: list[str] = Field(default_factory=list, max_length=200)


CHANNEL_VALUES = set(Channel.values)
