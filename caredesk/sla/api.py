"""Service-level API: each ticket's clocks with their arithmetic; calendars and policies (admins)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from caredesk.accounts import policy as access
from caredesk.accounts.api_auth import api_caller
from caredesk.core import clock
from caredesk.core.errors import NotFound, ValidationFailed
from caredesk.sla import selectors
from caredesk.sla.models import BusinessCalendar, SlaPolicy
from caredesk.sla.schemas import (
    CalendarIn,
    CalendarOut,
    CalendarPatchIn,
    ClockOut,
    ClosedDateIn,
    PolicyIn,
    PolicyOut,
    PolicyPatchIn,
)
from caredesk.sla.services.configuration import save_calendar, save_policy, set_closed_dates
from caredesk.tickets.selectors import get_ticket_for

router = Router(tags=["service levels"])


def _require_staff(user: Any) -> None:
    if not access.is_staff(user):
        raise NotFound("Not found.")


def _calendar(calendar_id: int) -> BusinessCalendar:
    calendar = BusinessCalendar.objects.filter(pk=calendar_id).first()
    if calendar is None:
        raise NotFound("Calendar not found.")
    return calendar


def _policy(policy_id: int) -> SlaPolicy:
    policy = SlaPolicy.objects.filter(pk=policy_id).first()
    if policy is None:
        raise NotFound("Policy not found.")
    return policy


@router.get("/tickets/{ticket_id}/sla", response=list[ClockOut])
def ticket_sla(request: HttpRequest, ticket_id: int) -> list:
    """Every clock of the ticket, with the stretches and pauses that produced its due time."""
    user = api_caller(request)
    _require_staff(user)
    ticket = get_ticket_for(user, ticket_id)
    now = clock.now()
    return [selectors.explain(each, now=now) for each in selectors.clocks_of(ticket)]


@router.get("/sla/calendars", response=list[CalendarOut])
def list_calendars(request: HttpRequest) -> list:
    _require_staff(api_caller(request))
    return list(BusinessCalendar.objects.prefetch_related("closed_dates"))


@router.post("/sla/calendars", response={201: CalendarOut})
def create_calendar(request: HttpRequest, payload: CalendarIn) -> Status:
    return Status(201, save_calendar(None, actor=api_caller(request), values=payload.model_dump()))


@router.get("/sla/calendars/{calendar_id}", response=CalendarOut)
def get_calendar(request: HttpRequest, calendar_id: int) -> BusinessCalendar:
    _require_staff(api_caller(request))
    return _calendar(calendar_id)


@router.patch("/sla/calendars/{calendar_id}", response=CalendarOut)
def patch_calendar(
    request: HttpRequest, calendar_id: int, payload: CalendarPatchIn
) -> BusinessCalendar:
    user = api_caller(request)
    _require_staff(user)
    values = {
        name: value
        for name, value in payload.model_dump(exclude_unset=True).items()
        if value is not None
    }
    return save_calendar(_calendar(calendar_id), actor=user, values=values)


@router.put("/sla/calendars/{calendar_id}/closed-dates", response=CalendarOut)
def put_closed_dates(
    request: HttpRequest, calendar_id: int, payload: list[ClosedDateIn]
) -> BusinessCalendar:
    user = api_caller(request)
    _require_staff(user)
    calendar = _calendar(calendar_id)
    set_closed_dates(calendar, actor=user, dates={item.date: item.name for item in payload})
    return _calendar(calendar_id)


@router.get("/sla/policies", response=list[PolicyOut])
def list_policies(request: HttpRequest) -> list:
    _require_staff(api_caller(request))
    return list(SlaPolicy.objects.all())


def _policy_values(payload: PolicyIn | PolicyPatchIn) -> dict[str, Any]:
    values = payload.model_dump(exclude_unset=True)
    for name, value in values.items():
        if value is None and not name.endswith("_minutes") and name != "calendar_id":
            raise ValidationFailed(f"{name} cannot be null.", field=name)
    if "calendar_id" in values:
        calendar_id = values.pop("calendar_id")
        if calendar_id is not None and not BusinessCalendar.objects.filter(pk=calendar_id).exists():
            raise ValidationFailed(f"There is no calendar {calendar_id}.", field="calendar_id")
        values["calendar"] = (
            BusinessCalendar.objects.filter(pk=calendar_id).first() if calendar_id else None
        )
    return values


@router.post("/sla/policies", response={201: PolicyOut})
def create_policy(request: HttpRequest, payload: PolicyIn) -> Status:
    return Status(201, save_policy(None, actor=api_caller(request), values=_policy_values(payload)))


@router.get("/sla/policies/{policy_id}", response=PolicyOut)
def get_policy(request: HttpRequest, policy_id: int) -> SlaPolicy:
    _require_staff(api_caller(request))
    return _policy(policy_id)


@router.patch("/sla/policies/{policy_id}", response=PolicyOut)
def patch_policy(request: HttpRequest, policy_id: int, payload: PolicyPatchIn) -> SlaPolicy:
    user = api_caller(request)
    _require_staff(user)
    return save_policy(_policy(policy_id), actor=user, values=_policy_values(payload))
