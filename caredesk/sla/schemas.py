from datetime import date, datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from caredesk.sla.models import BusinessCalendar


class StrictSchema(Schema):
    model_config = ConfigDict(extra="forbid")


WeeklyHours = dict[str, list[tuple[str, str]]]


class CalendarOut(Schema):
    id: int
    name: str
    timezone: str
    weekly_hours: dict[str, Any]
    holiday_country: str
    holiday_subdivision: str
    always_open: bool
    is_default: bool
    closed_dates: list[date]

    @staticmethod
    def resolve_closed_dates(calendar: BusinessCalendar) -> list[date]:
        return [closed.date for closed in calendar.closed_dates.all()]


class CalendarIn(StrictSchema):
    name: str = Field(min_length=1, max_length=100)
    timezone: str = Field(default="UTC", max_length=64)
    weekly_hours: WeeklyHours = Field(default_factory=dict)
    holiday_country: str = Field(default="", max_length=2)
    holiday_subdivision: str = Field(default="", max_length=10)
    always_open: bool = False
    is_default: bool = False


class CalendarPatchIn(StrictSchema):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    timezone: str | None = Field(default=None, max_length=64)
    weekly_hours: WeeklyHours | None = None
    holiday_country: str | None = Field(default=None, max_length=2)
    holiday_subdivision: str | None = Field(default=None, max_length=10)
    always_open: bool | None = None
    is_default: bool | None = None


class ClosedDateIn(StrictSchema):
    date: date
    name: str = Field(default="", max_length=100)


class PolicyFields(StrictSchema):
    position: int | None = Field(default=None, ge=0)
    is_active: bool | None = None
    conditions: dict[str, Any] | None = None
    calendar_id: int | None = None
    first_response_minutes: int | None = Field(default=None, gt=0, le=525_600)
    first_response_business_hours: bool | None = None
    next_response_minutes: int | None = Field(default=None, gt=0, le=525_600)
    next_response_business_hours: bool | None = None
    periodic_update_minutes: int | None = Field(default=None, gt=0, le=525_600)
    periodic_update_business_hours: bool | None = None
    resolution_minutes: int | None = Field(default=None, gt=0, le=525_600)
    resolution_business_hours: bool | None = None
    pause_statuses: list[Literal["new", "open", "pending", "on_hold"]] | None = None
    warn_at_percent: int | None = Field(default=None, ge=1, le=99)


class PolicyIn(PolicyFields):
    name: str = Field(min_length=1, max_length=100)


class PolicyPatchIn(PolicyFields):
    name: str | None = Field(default=None, min_length=1, max_length=100)


class PolicyOut(Schema):
    id: int
    name: str
    position: int
    is_active: bool
    conditions: dict[str, Any]
    calendar_id: int | None
    first_response_minutes: int | None
    first_response_business_hours: bool
    next_response_minutes: int | None
    next_response_business_hours: bool
    periodic_update_minutes: int | None
    periodic_update_business_hours: bool
    resolution_minutes: int | None
    resolution_business_hours: bool
    pause_statuses: list[str]
    warn_at_percent: int


class ClockOut(Schema):
    target: str
    state: str
    policy: str
    calendar: str
    timezone: str
    business_hours: bool
    target_seconds: int
    used_seconds: float
    remaining_seconds: float
    started_at: datetime
    due_at: datetime | None
    warn_at: datetime | None
    breached_at: datetime | None
    stopped_at: datetime | None
    running_stretches: list[dict[str, Any]]
    paused_stretches: list[dict[str, Any]]
    summary: str
