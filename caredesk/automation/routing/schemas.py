from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class RoutingOut(Schema):
    team_id: int
    mode: str
    weight_low: float
    weight_normal: float
    weight_high: float
    weight_urgent: float
    reassign_unanswered_after_minutes: int | None
    reassign_when_offline: bool


class RoutingPatchIn(Schema):
    model_config = ConfigDict(extra="forbid")
    mode: Literal["manual", "round_robin", "least_loaded", "skills_based"] | None = None
    weight_low: Decimal | None = Field(default=None, gt=0, le=10, decimal_places=2)
    weight_normal: Decimal | None = Field(default=None, gt=0, le=10, decimal_places=2)
    weight_high: Decimal | None = Field(default=None, gt=0, le=10, decimal_places=2)
    weight_urgent: Decimal | None = Field(default=None, gt=0, le=10, decimal_places=2)
    reassign_unanswered_after_minutes: int | None = Field(default=None, ge=1, le=10080)
    reassign_when_offline: bool | None = None
