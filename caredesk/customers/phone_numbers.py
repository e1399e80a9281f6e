"""Phone numbers in one shape, so a number from a phone system and one typed by an agent match."""

import re

from caredesk.core.errors import ValidationFailed

# E.164 allows at most 15 digits; fewer than 6 is an extension or a short code, not a customer.
PHONE_DIGITS = re.compile(r"^\+?[0-9]{6,15}$")
PHONE_PUNCTUATION = re.compile(r"[\s().\-/]")


def normalise_phone(value: str) -> str:
    """``"+49 (170) 123-4567"`` and ``"0049 170 1234567"`` -> ``"+491701234567"``.

    Without a country code the digits are kept as they are, after a "+": the number cannot be
    placed in a country here, and guessing would merge strangers.
    """
    compact = PHONE_PUNCTUATION.sub("", value.strip())
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if not PHONE_DIGITS.match(compact):
        raise ValidationFailed(
            f"{value!r} is not a phone number (6 to 15 digits, optionally after +).", field="phone"
        )
    return "+" + compact.lstrip("+")
