"""The ticket a screen is about, or a 404 alike for missing and hidden ones."""

from django.http import Http404

from caredesk.accounts.models import User
from caredesk.core.errors import NotFound
from caredesk.tickets import selectors
from caredesk.tickets.models import Ticket


def visible_ticket(user: User, ticket_id: int) -> Ticket:
    """The ticket if ``user`` may see it; a 404 alike for missing and hidden ones."""
    try:
        return selectors.get_ticket_for(user, ticket_id)
    except NotFound as error:
        raise Http404(error.message) from error
