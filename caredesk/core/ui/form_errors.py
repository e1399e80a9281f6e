"""Domain errors shown on the form field they name, so the person sees what to fix and where."""

from collections.abc import Mapping

from django import forms

from caredesk.core.errors import DomainError

# The services' field names that differ from the forms' own.
SERVICE_TO_FORM_FIELD = {"public": "visibility"}


def add_domain_error(
    form: forms.Form, error: DomainError, aliases: Mapping[str, str] | None = None
) -> None:
    """Attach ``error`` to the field it names, or to the whole form when no field matches."""
    name = error.field or ""
    name = {**SERVICE_TO_FORM_FIELD, **(aliases or {})}.get(name, name)
    if name.startswith("custom_fields."):
        name = "cf_" + name.removeprefix("custom_fields.")
    form.add_error(name if name in form.fields else None, error.message)
