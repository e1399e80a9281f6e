"""Supervisors and admins choose how a team routes: the mode, the load weights per priority, when
an unanswered ticket moves on, and whether an agent going offline hands their tickets back."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from caredesk.accounts import policy
from caredesk.accounts.models import Team, User
from caredesk.automation.choices import RoutingMode
from caredesk.automation.models import RoutingPolicy
from caredesk.core.errors import PermissionDenied, ValidationFailed

UNSET: Any = object()
WEIGHT_FIELDS = ("weight_low", "weight_normal", "weight_high", "weight_urgent")
MAX_WEIGHT = Decimal("10")
MAX_REASSIGN_MINUTES = 7 * 24 * 60


@dataclass
class RoutingChanges:
    """Only the attributes given (not UNSET) change."""

    mode: Any = UNSET
    weight_low: Any = UNSET
    weight_normal: Any = UNSET
    weight_high: Any = UNSET
    weight_urgent: Any = UNSET
    reassign_unanswered_after_minutes: Any = UNSET  # int | None; None: never
    reassign_when_offline: Any = UNSET


def routing_policy_of(team: Team) -> RoutingPolicy:
    """The team's policy; the defaults (manual, not stored) for a team that never set one."""
    return RoutingPolicy.objects.filter(pk=team.pk).first() or RoutingPolicy(team=team)


def _weight(value: Any, field: str) -> Decimal:
    try:
        weight = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationFailed("A number such as 1 or 1.5.", field=field) from None
    if isinstance(value, bool) or not weight.is_finite() or not 0 < weight <= MAX_WEIGHT:
        raise ValidationFailed(f"A weight above 0 and at most {MAX_WEIGHT}.", field=field)
    if weight != weight.quantize(Decimal("0.01")):
        raise ValidationFailed("At most two decimal places.", field=field)
    return weight


def _clean(changes: RoutingChanges) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if changes.mode is not UNSET:
        if changes.mode not in RoutingMode.values:
            raise ValidationFailed(f"Mode is one of {', '.join(RoutingMode.values)}.", field="mode")
        values["mode"] = changes.mode
    for name in WEIGHT_FIELDS:
        value = getattr(changes, name)
        if value is not UNSET:
            values[name] = _weight(value, name)
    minutes = changes.reassign_unanswered_after_minutes
    if minutes is not UNSET:
        if minutes is not None and (
            isinstance(minutes, bool)
            or not isinstance(minutes, int)
            or not 1 <= minutes <= MAX_REASSIGN_MINUTES
        ):
            raise ValidationFailed(
                f"Minutes from 1 to {MAX_REASSIGN_MINUTES}, or empty for never.",
                field="reassign_unanswered_after_minutes",
            )
        values["reassign_unanswered_after_minutes"] = minutes
    if changes.reassign_when_offline is not UNSET:
        if not isinstance(changes.reassign_when_offline, bool):
            raise ValidationFailed("True or false.", field="reassign_when_offline")
        values["reassign_when_offline"] = changes.reassign_when_offline
    return values


def set_routing_policy(team: Team, *, actor: User, changes: RoutingChanges) -> RoutingPolicy:
    if not policy.can_manage_agent_skills(actor):
        raise PermissionDenied("Only supervisors and admins change routing.", field="team")
    values = _clean(changes)
    with transaction.atomic():
        RoutingPolicy.objects.bulk_create([RoutingPolicy(team=team)], ignore_conflicts=True)
        routing = RoutingPolicy.objects.select_for_update().get(pk=team.pk)
        for name, value in values.items():
            setattr(routing, name, value)
        if values:
            routing.save(update_fields=list(values))
    return routing
