"""Schemas of the rules API. Conditions and actions are taken as any JSON and validated by the
service, which names the item at fault (``conditions.all[1].operator``)."""

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from caredesk.automation.schemas import StrictSchema

RULE_EXAMPLE: dict[str, Any] = {
    "name": "VIP is urgent",
    "kind": "event",
    "events": ["ticket_created"],
    "conditions": {"all": [{"field": "customer.vip", "operator": "is", "value": True}]},
    "actions": [{"type": "set_priority", "priority": "urgent"}],
}


class RuleIn(StrictSchema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": RULE_EXAMPLE})

    name: str = Field(max_length=200)
    kind: Literal["event", "time"] = "event"
    events: list[str] = Field(default_factory=list, max_length=20)
    conditions: Any = None
    actions: Any = None
    enabled: bool = True


class RulePatchIn(StrictSchema):
    name: str | None = Field(default=None, max_length=200)
    kind: Literal["event", "time"] | None = None
    events: list[str] | None = Field(default=None, max_length=20)
    conditions: Any = None
    actions: Any = None
    enabled: bool | None = None


class RuleOrderIn(StrictSchema):
    ids: list[int] = Field(max_length=1000, description="Every rule's id, in the new order")


class RuleOut(Schema):
    id: int
    name: str
    enabled: bool = Field(alias="is_enabled")
    position: int
    kind: str
    events: list[str]
    conditions: dict[str, Any]
    actions: list[dict[str, Any]]
    webhook_secret: str = Field(description="Signs webhook calls: X-Caredesk-Signature")
    updated_at: datetime


class ConditionOut(Schema):
    group: str
    field: str
    operator: str
    value: Any
    actual: Any
    matched: bool


class VerdictOut(Schema):
    rule_id: int
    rule_name: str
    kind: str
    enabled: bool
    would_fire: bool
    reason: str
    due_at: datetime | None
    conditions: list[ConditionOut]
    actions: list[dict[str, Any]]


class DryRunOut(Schema):
    ticket_id: int
    items: list[VerdictOut]
