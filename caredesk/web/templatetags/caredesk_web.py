from typing import Any

from django import template

from caredesk.tickets.choices import CUSTOMER_STATUS_TEXT, TicketStatus

register = template.Library()


@register.filter
def customer_status(status: str) -> str:
    """The status in the plain words a customer is told."""
    return CUSTOMER_STATUS_TEXT.get(TicketStatus(status), str(status))


@register.filter
def status_label(status: str) -> str:
    return str(TicketStatus(status).label)


@register.filter
def field_id(form: Any, name: str) -> str:
    """The id of a form field's input, for error summaries that link to it."""
    return str(form[name].id_for_label)
