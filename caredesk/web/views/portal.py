"""The customer portal: open a request, follow it, reply. Internal notes never reach it."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from caredesk.accounts import policy
from caredesk.accounts.ui.access import current_user, customer_only
from caredesk.core.errors import DomainError, ValidationFailed
from caredesk.core.pagination import Page, SortKey, paginate
from caredesk.core.ui.form_errors import add_domain_error
from caredesk.core.ui.htmx import HtmxHttpRequest, wants_fragment
from caredesk.tickets import selectors
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel
from caredesk.tickets.events import EventKind
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.open_ticket import open_ticket
from caredesk.tickets.ui.access import visible_ticket
from caredesk.web.forms import CustomerReplyForm, NewRequestForm, incoming_files
from caredesk.web.timeline import timeline

PAGE_SIZE = 20
RECENT_FIRST = SortKey("updated_at", descending=True, is_datetime=True)
NO_PROFILE = (
    "Your account is not linked to a customer record yet, so it cannot open requests here. "
    "Please write to us by email instead."
)


def _greeting_name(request: HtmxHttpRequest) -> str:
    profile = policy.customer_profile_of(request.user)
    return profile.greeting_name if profile is not None else current_user(request).name


@require_GET
@customer_only
def portal_home(request: HtmxHttpRequest) -> HttpResponse:
    user = current_user(request)
    cursor = request.GET.get("cursor") or None
    try:
        page = paginate(
            selectors.tickets_visible_to(user), key=RECENT_FIRST, cursor=cursor, limit=PAGE_SIZE
        )
    except ValidationFailed:
        page = Page(items=[], next_cursor=None)
    next_url = f"{request.path}?cursor={page.next_cursor}" if page.next_cursor else None
    context = {
        "greeting_name": _greeting_name(request),
        "tickets": page.items,
        "next_page_url": next_url,
        "is_later_page": cursor is not None,
    }
    return render(request, "web/portal/home.html", context)


@require_http_methods(["GET", "POST"])
@customer_only
def new_request(request: HtmxHttpRequest) -> HttpResponse:
    form = NewRequestForm()
    status = 200
    if request.method == "POST":
        form = NewRequestForm(request.POST, request.FILES)
        status = 422
        profile = policy.customer_profile_of(request.user)
        if profile is None:
            form.add_error(None, NO_PROFILE)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                ticket = open_ticket(
                    requester=profile,
                    actor=Actor.of_customer(profile),
                    subject=data["subject"],
                    body=data["description"],
                    channel=Channel.WEB,
                    attachments=incoming_files(data["attachments"]),
                )
            except DomainError as error:
                add_domain_error(form, error, aliases={"body": "description"})
                status = error.status_code
            else:
                messages.success(request, f"Thank you. We received your request #{ticket.pk}.")
                return redirect("web:portal_ticket", ticket_id=ticket.pk)
    context = {"form": form, "greeting_name": _greeting_name(request)}
    return render(request, "web/portal/new_request.html", context, status=status)


def _ticket_context(
    request: HtmxHttpRequest, ticket: Ticket, reply_form: CustomerReplyForm | None = None
) -> dict[str, object]:
    user = current_user(request)
    return {
        "ticket": ticket,
        "messages_shown": selectors.messages_of(user, ticket),
        # The conversation already shows each message; the history keeps to status news.
        "timeline": timeline(
            selectors.events_of(user, ticket).exclude(kind=EventKind.MESSAGE_ADDED),
            for_customer=True,
        ),
        "reply_form": reply_form or CustomerReplyForm(),
    }


@require_GET
@customer_only
def portal_ticket(request: HtmxHttpRequest, ticket_id: int) -> HttpResponse:
    ticket = visible_ticket(current_user(request), ticket_id)
    return render(request, "web/portal/ticket.html", _ticket_context(request, ticket))


@require_POST
@customer_only
def portal_reply(request: HtmxHttpRequest, ticket_id: int) -> HttpResponse:
    user = current_user(request)
    ticket = visible_ticket(user, ticket_id)
    form = CustomerReplyForm(request.POST, request.FILES)
    status = 422
    if form.is_valid():
        try:
            message = add_message(
                ticket,
                actor=Actor.of_user(user),
                body=form.cleaned_data["body"],
                channel=Channel.WEB,
                attachments=incoming_files(form.cleaned_data["attachments"]),
            )
        except DomainError as error:
            add_domain_error(form, error)
            status = error.status_code
        else:
            target = reverse("web:portal_ticket", args=[message.ticket_id])
            if message.ticket_id != ticket.pk:
                # A reply to a closed request opened a new one; follow the conversation there.
                messages.info(
                    request, f"That request was closed, so we opened #{message.ticket_id}."
                )
                return (
                    HttpResponseClientRedirect(target)
                    if wants_fragment(request)
                    else redirect(target)
                )
            ticket = visible_ticket(user, ticket_id)
            if wants_fragment(request):
                return render(
                    request, "web/portal/reply_result.html", _ticket_context(request, ticket)
                )
            messages.success(request, "Your reply was sent.")
            return redirect(target + "#conversation")
    context = _ticket_context(request, ticket, reply_form=form)
    if wants_fragment(request):
        return render(request, "web/portal/_reply_form.html", context, status=status)
    return render(request, "web/portal/ticket.html", context, status=status)
