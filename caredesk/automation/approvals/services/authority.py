"""Admins' verbs on authority limits: how much each role may give without asking."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from caredesk.accounts import policy
from caredesk.accounts.choices import STAFF_ROLES
from caredesk.accounts.models import User
from caredesk.automation.approvals.money import checked_amount, checked_currency
from caredesk.automation.choices import ActionKind
from caredesk.automation.models import AuthorityLimit
from caredesk.core import clock
from caredesk.core.errors import PermissionDenied, ValidationFailed


@dataclass(frozen=True)
class LimitSpec:
    role: str
    action: str
    max_amount: Decimal
    currency: str


def _require_admin(actor: User) -> None:
    if not policy.can_set_authority_limits(actor):
        raise PermissionDenied("Only admins may change authority limits.")


def _checked(spec: LimitSpec, *, prefix: str = "") -> LimitSpec:
    if spec.role not in STAFF_ROLES:
        raise ValidationFailed(
            f"Limits are for the staff roles {sorted(STAFF_ROLES)}.", field=f"{prefix}role"
        )
    if spec.action not in ActionKind.values:
        raise ValidationFailed(
            f"action must be one of {ActionKind.values}.", field=f"{prefix}action"
        )
    return LimitSpec(
        role=spec.role,
        action=spec.action,
        max_amount=checked_amount(spec.max_amount, field=f"{prefix}max_amount", allow_zero=True),
        currency=checked_currency(spec.currency, field=f"{prefix}currency"),
    )


def _store(spec: LimitSpec, *, actor: User) -> AuthorityLimit:
    limit, _ = AuthorityLimit.objects.update_or_create(
        role=spec.role,
        action=spec.action,
        defaults={
            "max_amount": spec.max_amount,
            "currency": spec.currency,
            "updated_at": clock.now(),
            "updated_by": actor,
        },
    )
    return limit


@transaction.atomic
def set_authority_limit(spec: LimitSpec, *, actor: User) -> AuthorityLimit:
    """Create or change the one limit of ``spec.role`` for ``spec.action``.

    A limit of zero makes every amount need approval, as having no limit does.
    """
    _require_admin(actor)
    return _store(_checked(spec), actor=actor)


@transaction.atomic
def replace_authority_limits(limits: Sequence[LimitSpec], *, actor: User) -> list[AuthorityLimit]:
    """Make ``limits`` the whole table: limits not listed are removed, so those roles ask for
    approval of every amount. Refuses a role and action listed twice, naming the second."""
    _require_admin(actor)
    checked: list[LimitSpec] = []
    seen: set[tuple[str, str]] = set()
    for index, spec in enumerate(limits):
        spec = _checked(spec, prefix=f"limits.{index}.")
        if (spec.role, spec.action) in seen:
            raise ValidationFailed(
                f"The {spec.role} limit for {spec.action} is listed twice.",
                field=f"limits.{index}",
            )
        seen.add((spec.role, spec.action))
        checked.append(spec)
    kept = [_store(spec, actor=actor) for spec in checked]
    AuthorityLimit.objects.exclude(pk__in=[limit.pk for limit in kept]).delete()
    return sorted(kept, key=lambda limit: (limit.role, limit.action))
