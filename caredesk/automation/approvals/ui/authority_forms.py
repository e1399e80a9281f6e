"""Admins' form for authority limits: one row per staff role and action, an amount and a currency.

An empty amount means no limit, so that role asks for approval of every amount. The form parses;
``replace_authority_limits`` decides, and its faults name a row, which is mapped back to its inputs.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms

from caredesk.accounts.choices import Role
from caredesk.automation.approvals.services.authority import LimitSpec
from caredesk.automation.choices import ActionKind
from caredesk.automation.models import AuthorityLimit

ROLES = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN)
DEFAULT_CURRENCY = "EUR"
SERVICE_FIELDS = {
    "max_amount": "amount",
    "currency": "currency",
    "role": "amount",
    "action": "amount",
}
ROW_FAULT = re.compile(r"^limits\.(\d+)(?:\.(\w+))?$")


def _key(role: str, action: str) -> str:
    return f"{role}_{action}"


@dataclass(frozen=True)
class LimitRow:
    role: str
    action: str
    amount: forms.BoundField
    currency: forms.BoundField


class AuthorityLimitsForm(forms.Form):
    def __init__(self, *args: Any, limits: list[AuthorityLimit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.specs_order: list[str] = []
        currencies = [limit.currency for limit in limits]
        default = max(set(currencies), key=currencies.count) if currencies else DEFAULT_CURRENCY
        stored = {_key(limit.role, limit.action): limit for limit in limits}
        initial: dict[str, Any] = {}
        for role in ROLES:
            for action, label in ActionKind.choices:
                key = _key(role, action)
                self.fields[f"{key}_amount"] = forms.DecimalField(
                    label=f"{Role(role).label}: {label} up to",
                    required=False,
                    min_value=Decimal(0),
                    max_digits=12,
                    decimal_places=2,
                    widget=forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
                )
                self.fields[f"{key}_currency"] = forms.CharField(
                    label=f"{Role(role).label}: {label} currency", required=False, max_length=3
                )
                limit = stored.get(key)
                initial[f"{key}_amount"] = limit.max_amount if limit else None
                initial[f"{key}_currency"] = limit.currency if limit else default
        if not self.is_bound:
            self.initial = initial

    def rows(self) -> list[LimitRow]:
        return [
            LimitRow(
                role=Role(role).label,
                action=label,
                amount=self[f"{_key(role, action)}_amount"],
                currency=self[f"{_key(role, action)}_currency"],
            )
            for role in ROLES
            for action, label in ActionKind.choices
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for role in ROLES:
            for action in ActionKind.values:
                key = _key(role, action)
                currency = str(data.get(f"{key}_currency") or "").strip().upper()
                data[f"{key}_currency"] = currency
                if data.get(f"{key}_amount") is None:
                    continue
                if not re.fullmatch(r"[A-Z]{3}", currency):
                    self.add_error(
                        f"{key}_currency", "Use a three-letter currency code such as EUR."
                    )
        return data

    def specs(self) -> list[LimitSpec]:
        """The limits to keep, in the form's order (``specs_order`` names each one's inputs)."""
        specs = []
        self.specs_order = []
        for role in ROLES:
            for action in ActionKind.values:
                key = _key(role, action)
                amount = self.cleaned_data.get(f"{key}_amount")
                if amount is None:
                    continue
                currency = self.cleaned_data[f"{key}_currency"]
                specs.append(
                    LimitSpec(role=role, action=action, max_amount=amount, currency=currency)
                )
                self.specs_order.append(key)
        return specs

    def add_service_error(self, field: str | None, message: str) -> None:
        """Put a fault of ``replace_authority_limits`` ("limits.3.currency") on its input."""
        match = ROW_FAULT.match(field or "")
        if match is None or int(match[1]) >= len(self.specs_order):
            self.add_error(None, message)
            return
        key = self.specs_order[int(match[1])]
        which = SERVICE_FIELDS.get(match[2] or "", "amount")
        self.add_error(f"{key}_{which}", message.replace(f"{field} ", "This ", 1))
