"""The old home of the access checks, kept while the automation screens still import it from
here; they live in ``caredesk.accounts.ui.access`` and ``caredesk.tickets.ui.access``."""

from caredesk.accounts.ui.access import (
    admin_only,
    current_user,
    rules_admin_only,
    staff_only,
    supervisor_only,
)
from caredesk.tickets.ui.access import visible_ticket

__all__ = [
    "admin_only",
    "current_user",
    "rules_admin_only",
    "staff_only",
    "supervisor_only",
    "visible_ticket",
]
