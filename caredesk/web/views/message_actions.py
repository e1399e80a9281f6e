"""One-click fixes for a message threaded into the wrong conversation: move it or split it out."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from caredesk.accounts.ui.access import current_user, staff_only
from caredesk.core.errors import DomainError, NotFound
from caredesk.core.ui.htmx import HtmxHttpRequest
from caredesk.tickets import selectors
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Message
from caredesk.tickets.services.merge import move_message, split_message


def _message(request: HtmxHttpRequest, message_id: int) -> Message:
    try:
        return selectors.get_message_for(current_user(request), message_id)
    except NotFound as error:
        raise Http404(error.message) from error


@require_POST
@staff_only
def move(request: HtmxHttpRequest, message_id: int) -> HttpResponse:
    user = current_user(request)
    message = _message(request, message_id)
    raw = request.POST.get("ticket_id", "").strip().lstrip("#")
    try:
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
            messages.error(request, "Give the number of the ticket to move the message to.")
            return redirect("web:ticket", message.ticket_id)
        target = selectors.get_ticket_for(user, int(raw))
        moved_to = move_message(message, to=target, actor=Actor.of_user(user))
    except NotFound:
        messages.error(request, f"There is no ticket #{raw} you can see.")
        return redirect("web:ticket", message.ticket_id)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("web:ticket", message.ticket_id)
    messages.success(request, f"Message moved here from ticket #{message.ticket_id}.")
    return redirect("web:ticket", moved_to.pk)


@require_POST
@staff_only
def split(request: HtmxHttpRequest, message_id: int) -> HttpResponse:
    user = current_user(request)
    message = _message(request, message_id)
    try:
        new_ticket = split_message(message, actor=Actor.of_user(user))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("web:ticket", message.ticket_id)
    messages.success(request, f"Message split out of ticket #{message.ticket_id}.")
    return redirect("web:ticket", new_ticket.pk)
