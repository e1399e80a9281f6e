"""Checks of amounts and currencies, shared by the approval and authority services.

Amounts are ``Decimal`` with at most two decimal places and twelve digits, matching the
``DecimalField(max_digits=12, decimal_places=2)`` columns, so nothing is rounded on the way in.
"""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from caredesk.core.errors import ValidationFailed

MAX_DIGITS = 12
DECIMAL_PLACES = 2
CURRENCY_CODE = re.compile(r"[A-Z]{3}")


def checked_amount(value: Any, *, field: str = "amount", allow_zero: bool = False) -> Decimal:
    """``value`` as a Decimal, refusing floats (binary fractions), NaN, infinities and rounding."""
    if isinstance(value, float | bool):
        raise ValidationFailed(f"{field} must be a decimal, not a float.", field=field)
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as error:
        raise ValidationFailed(f"{field} must be a number.", field=field) from error
    if not amount.is_finite():
        raise ValidationFailed(f"{field} must be a finite number.", field=field)
    if amount < 0 or (amount == 0 and not allow_zero):
        floor = "zero or more" if allow_zero else "more than zero"
        raise ValidationFailed(f"{field} must be {floor}.", field=field)
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -DECIMAL_PLACES:
        raise ValidationFailed(f"{field} has at most {DECIMAL_PLACES} decimal places.", field=field)
    if amount.adjusted() >= MAX_DIGITS - DECIMAL_PLACES:
        raise ValidationFailed(f"{field} is too large.", field=field)
    return amount.quantize(Decimal("0.01"))


def checked_currency(value: str, *, field: str = "currency") -> str:
    if not isinstance(value, str) or not CURRENCY_CODE.fullmatch(value):
        raise ValidationFailed(
            f"{field} must be a three-letter ISO 4217 code such as EUR.", field=field
        )
    return value


def money_text(amount: Decimal, currency: str) -> str:
    return f"{amount:.2f} {currency}"
