"""Reads of macros, always scoped to the viewer through ``accounts.policy.macro_scope``."""

from typing import Any

from django.db.models import Q, QuerySet

from caredesk.accounts import policy
from caredesk.automation.models import Macro
from caredesk.core.errors import NotFound
from caredesk.core.pagination import MAX_DATABASE_ID
from caredesk.tickets.models import Ticket


def macros_visible_to(user: Any) -> QuerySet[Macro]:
    """Every macro ``user`` may see, active or not, with what a list shows."""
    return (
        Macro.objects.filter(policy.macro_scope(user))
        .select_related("team", "owner")
        .prefetch_related("translations")
    )


def macros_for_ticket(user: Any, ticket: Ticket) -> QuerySet[Macro]:
    """The picker on a ticket: active global macros, the ticket team's and the user's own."""
    fits = Q(team_id__isnull=True) | Q(team_id=ticket.team_id)
    return macros_visible_to(user).filter(fits, is_active=True)


def get_macro_for(user: Any, macro_id: int) -> Macro:
    if not 1 <= macro_id <= MAX_DATABASE_ID:
        raise NotFound("Macro not found.", field="macro")
    macro = macros_visible_to(user).filter(pk=macro_id).first()
    if macro is None:
        raise NotFound("Macro not found.", field="macro")
    return macro
