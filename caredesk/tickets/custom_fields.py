"""Validation of custom field values against the admin's definitions."""

import math
from datetime import date
from typing import Any

from caredesk.core.errors import ValidationFailed
from caredesk.tickets.choices import CustomFieldType
from caredesk.tickets.models import CustomFieldDefinition

MAX_TEXT_LENGTH = 2000


def _coerce(definition: CustomFieldDefinition, value: Any) -> Any:
    field = f"custom_fields.{definition.key}"
    if value is None:
        return None
    if definition.field_type == CustomFieldType.TEXT:
        if not isinstance(value, str) or len(value) > MAX_TEXT_LENGTH:
            raise ValidationFailed(
                f"{definition.label} must be text up to {MAX_TEXT_LENGTH} characters.", field=field
            )
        return value
    if definition.field_type == CustomFieldType.NUMBER:
        # NaN and infinities are not JSON: the database would refuse them.
        finite = not isinstance(value, float) or math.isfinite(value)
        if isinstance(value, bool) or not isinstance(value, int | float) or not finite:
            raise ValidationFailed(f"{definition.label} must be a number.", field=field)
        return value
    if definition.field_type == CustomFieldType.DATE:
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError as error:
            raise ValidationFailed(
                f"{definition.label} must be a date (YYYY-MM-DD).", field=field
            ) from error
    if value not in definition.choices:
        raise ValidationFailed(
            f"{definition.label} must be one of: {', '.join(map(str, definition.choices))}.",
            field=field,
        )
    return value


def validate_custom_fields(values: dict[str, Any]) -> dict[str, Any]:
    if not values:
        return {}
    definitions = {
        d.key: d for d in CustomFieldDefinition.objects.filter(key__in=list(values), is_active=True)
    }
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        definition = definitions.get(key)
        if definition is None:
            raise ValidationFailed(
                f"There is no custom field {key!r}.", field=f"custom_fields.{key}"
            )
        cleaned[key] = _coerce(definition, value)
    return cleaned
