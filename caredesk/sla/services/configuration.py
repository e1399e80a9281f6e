"""Admins' verbs: business calendars and SLA policies, validated before they are stored."""

from datetime import date
from typing import Any

from django.db import transaction

from caredesk.accounts import policy as access
from caredesk.accounts.models import User
from caredesk.core import clock
from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from caredesk.sla.business_time import CalendarError, CalendarSpec
from caredesk.sla.calendars import check_timezone, parse_weekly_hours, public_holidays
from caredesk.sla.models import BusinessCalendar, ClosedDate, SlaPolicy
from caredesk.sla.policies import CONDITION_KEYS
from caredesk.tickets.choices import Channel, Priority, TicketStatus

CALENDAR_FIELDS = frozenset(
    {
        "name",
        "timezone",
        "weekly_hours",
        "holiday_country",
        "holiday_subdivision",
        "always_open",
        "is_default",
    }
)
TARGETS = ("first_response", "next_response", "periodic_update", "resolution")
POLICY_FIELDS = frozenset(
    {"name", "position", "is_active", "conditions", "calendar", "pause_statuses", "warn_at_percent"}
    | {f"{target}_minutes" for target in TARGETS}
    | {f"{target}_business_hours" for target in TARGETS}
)
PAUSABLE = frozenset(
    {TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD}
)


def _require_admin(actor: User) -> None:
    if not access.can_manage_settings(actor):
        raise PermissionDenied("Only admins may change calendars and SLA policies.")


def _check_calendar(values: dict[str, Any]) -> None:
    zone = check_timezone(values.get("timezone", "UTC"))
    weekly = parse_weekly_hours(values.get("weekly_hours", {}))
    try:
        CalendarSpec(timezone=zone, weekly=weekly)
    except CalendarError as error:
        raise ValidationFailed(str(error), field="weekly_hours") from error
    if not values.get("always_open") and not any(weekly.values()):
        raise ValidationFailed(
            "A calendar needs opening hours unless it is always open.", field="weekly_hours"
        )
    public_holidays(
        values.get("holiday_country", ""), values.get("holiday_subdivision", ""), clock.now().date()
    )


def _apply(instance: Any, values: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(values) - allowed
    if unknown:
        raise ValidationFailed(f"Unknown field {sorted(unknown)[0]!r}.", field=sorted(unknown)[0])
    for name, value in values.items():
        setattr(instance, name, value)


@transaction.atomic
def save_calendar(
    calendar: BusinessCalendar | None, *, actor: User, values: dict[str, Any]
) -> BusinessCalendar:
    """Create (``calendar`` None) or update a calendar; ``values`` holds the fields to set."""
    _require_admin(actor)
    calendar = calendar or BusinessCalendar()
    current = {name: getattr(calendar, name) for name in CALENDAR_FIELDS}
    _check_calendar({**current, **values})
    name = values.get("name", calendar.name)
    if not name:
        raise ValidationFailed("A calendar needs a name.", field="name")
    if BusinessCalendar.objects.filter(name__iexact=name).exclude(pk=calendar.pk).exists():
        raise Conflict(f"A calendar named {name!r} exists already.", field="name")
    if values.get("is_default"):
        BusinessCalendar.objects.exclude(pk=calendar.pk).filter(is_default=True).update(
            is_default=False
        )
    _apply(calendar, values, CALENDAR_FIELDS)
    calendar.save()
    return calendar


@transaction.atomic
def set_closed_dates(calendar: BusinessCalendar, *, actor: User, dates: dict[date, str]) -> None:
    """Replace the calendar's own closed days (holidays beyond the country's public ones)."""
    _require_admin(actor)
    calendar.closed_dates.exclude(date__in=list(dates)).delete()
    for day, name in dates.items():
        ClosedDate.objects.update_or_create(
            calendar=calendar, date=day, defaults={"name": name[:100]}
        )
    calendar.save(update_fields=["updated_at"])


def _check_conditions(conditions: Any) -> None:
    if not isinstance(conditions, dict):
        raise ValidationFailed("Conditions must be an object.", field="conditions")
    unknown = set(conditions) - CONDITION_KEYS
    if unknown:
        raise ValidationFailed(f"Unknown condition {sorted(unknown)[0]!r}.", field="conditions")
    allowed = {"priority": {p.label for p in Priority}, "channel": set(Channel.values)}
    for key, values in conditions.items():
        if key == "vip":
            if not isinstance(values, bool):
                raise ValidationFailed("vip must be true or false.", field="conditions.vip")
            continue
        if not isinstance(values, list) or not values:
            raise ValidationFailed(f"{key} must be a non-empty list.", field=f"conditions.{key}")
        if key in allowed and not set(values) <= allowed[key]:
            raise ValidationFailed(
                f"{key} must be among {sorted(allowed[key])}.", field=f"conditions.{key}"
            )


def _check_policy(policy: SlaPolicy) -> None:
    _check_conditions(policy.conditions)
    for target in TARGETS:
        minutes = getattr(policy, f"{target}_minutes")
        if minutes is not None and (not isinstance(minutes, int) or minutes <= 0):
            raise ValidationFailed(
                "Targets are whole minutes above zero.", field=f"{target}_minutes"
            )
    if not set(policy.pause_statuses) <= PAUSABLE:
        raise ValidationFailed(
            "Only unresolved statuses can pause the clock.", field="pause_statuses"
        )
    if not 1 <= policy.warn_at_percent <= 99:
        raise ValidationFailed(
            "Warn between 1 and 99 percent of the target.", field="warn_at_percent"
        )


@transaction.atomic
def save_policy(policy: SlaPolicy | None, *, actor: User, values: dict[str, Any]) -> SlaPolicy:
    """Create (``policy`` None) or update a policy. Tickets keep their clocks until their next
    change; a changed ticket is measured against the policy that then matches."""
    _require_admin(actor)
    policy = policy or SlaPolicy(position=SlaPolicy.objects.count())
    _apply(policy, values, POLICY_FIELDS)
    if not policy.name:
        raise ValidationFailed("A policy needs a name.", field="name")
    if SlaPolicy.objects.filter(name__iexact=policy.name).exclude(pk=policy.pk).exists():
        raise Conflict(f"A policy named {policy.name!r} exists already.", field="name")
    _check_policy(policy)
    policy.save()
    return policy
