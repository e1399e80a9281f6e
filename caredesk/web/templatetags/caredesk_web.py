from dataclasses import dataclass
from typing import Any

from django import template

from caredesk.accounts import policy
from caredesk.accounts.services.agent_profiles import profile_of
from caredesk.accounts.ui.bell import unread_count
from caredesk.core.screens import MenuEntry, screens
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
    """The id of a form field's input, for error summaries that link to it; radio buttons have
    no one input, so their summary links to the group."""
    field = form[name]
    return str(field.id_for_label or field.auto_id)


@register.filter
def may_supervise(user: Any) -> bool:
    return policy.is_supervisor_or_admin(user)


@register.filter
def is_settings_page(view_name: str | None) -> bool:
    return view_name in screens.settings_pages()


@dataclass(frozen=True)
class MenuItem:
    entry: MenuEntry
    is_current: bool


def _menu(context: template.Context, entries: list[MenuEntry]) -> list[MenuItem]:
    match = getattr(context.get("request"), "resolver_match", None)
    shown = match.view_name if match else None
    return [MenuItem(entry=entry, is_current=entry.is_current(shown)) for entry in entries]


@register.simple_tag(takes_context=True)
def settings_menu(context: template.Context) -> list[MenuItem]:
    """The settings screens the apps registered that the signed-in user may open."""
    return _menu(context, screens.settings_for(context.get("user")))


@register.simple_tag(takes_context=True)
def supervision_menu(context: template.Context) -> list[MenuItem]:
    """The supervisors' screens the apps registered that the signed-in user may open."""
    return _menu(context, screens.supervision_for(context.get("user")))


@register.simple_tag(takes_context=True)
def unread_notifications(context: template.Context) -> int:
    """How many notifications the signed-in staff member has not read (0 for anyone else)."""
    request = context.get("request")
    return unread_count(request) if request is not None else 0


@register.simple_tag(takes_context=True)
def my_availability(context: template.Context) -> str:
    """The signed-in agent's availability, for the header's toggle."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not policy.is_staff(user):
        return ""
    return str(profile_of(user).availability)
