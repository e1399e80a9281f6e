"""Macro API schemas: what a client sends and gets back."""

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from caredesk.automation.models import Macro
from caredesk.automation.schemas import PersonOut, StrictSchema
from caredesk.tickets.choices import Priority

PriorityName = Literal["low", "normal", "high", "urgent"]
StatusName = Literal["", "new", "open", "pending", "on_hold", "solved", "closed"]


class TranslationIn(StrictSchema):
    language: str = Field(min_length=2, max_length=10, description="Such as en, es, pt-br")
    body: str = Field(
        min_length=1,
        max_length=20_000,
        description="Plain text with placeholders such as {{customer.preferred_name}}",
    )


class MacroIn(StrictSchema):
    name: str = Field(min_length=1, max_length=100)
    team_id: int | None = Field(default=None, description="None: a global or personal macro")
    personal: bool = Field(default=False, description="Only you see and use it")
    is_active: bool = True
    position: int = Field(default=0, ge=0, le=1_000_000)
    default_language: str = Field(default="en", min_length=2, max_length=10)
    translations: list[TranslationIn] = Field(default_factory=list, max_length=50)
    set_status: StatusName = ""
    set_priority: PriorityName | None = None
    add_tags: list[str] = Field(default_factory=list, max_length=30)
    remove_tags: list[str] = Field(default_factory=list, max_length=30)
    assign_to_me: bool = False
    internal_note: str = Field(default="", max_length=20_000)


class TranslationOut(Schema):
    language: str
    body: str


class TeamOut(Schema):
    id: int
    name: str


class MacroOut(Schema):
    id: int
    name: str
    scope: str
    team: TeamOut | None
    owner: PersonOut | None
    is_active: bool
    position: int
    default_language: str
    translations: list[TranslationOut]
    set_status: str
    set_priority: str | None
    add_tags: list[str]
    remove_tags: list[str]
    assign_to_me: bool
    internal_note: str
    usage_count: int
    last_used_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_set_priority(macro: Macro) -> str | None:
        return None if macro.set_priority is None else str(Priority(macro.set_priority).label)

    @staticmethod
    def resolve_translations(macro: Macro) -> list[dict[str, str]]:
        return [{"language": t.language, "body": t.body} for t in macro.translations.all()]


class PreviewOut(Schema):
    language: str
    body: str
    internal_note: str
    actions: list[str]


class ApplyIn(StrictSchema):
    body: str | None = Field(
        default=None,
        max_length=100_000,
        description="The reply as you edited it from the preview; sent as it is. "
        "None: the macro's reply, rendered.",
    )


class AppliedOut(Schema):
    ticket_id: int
    status: str
    reply_id: int | None
    note_id: int | None
