"""The agent's ticket page: the frame (header, conversation, reply form, timeline, editable
fields) and, beside it, the panels the apps registered (``caredesk.core.screens``), each drawn
here at first and reloaded from its own fragment URL after a change."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_POST

from caredesk.accounts import policy
from caredesk.accounts.models import User
from caredesk.accounts.ui.access import current_user, staff_only
from caredesk.accounts.ui.zones import zone_of
from caredesk.automation.approvals.ui.rows import approvals_context
from caredesk.core.errors import DomainError, StaleVersion
from caredesk.core.screens import screens
from caredesk.core.ui.form_errors import add_domain_error
from caredesk.core.ui.htmx import HtmxHttpRequest, ticket_changed, vary_on_htmx, wants_fragment
from caredesk.tickets import selectors
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import update_ticket
from caredesk.tickets.ui.access import visible_ticket
from caredesk.web import presence
from caredesk.web.forms import ReplyForm, TicketFieldsForm, incoming_files
from caredesk.web.reply_macros import filled_reply, macros_for, send_with_macro
from caredesk.web.timeline import TimelineEntry, timeline

STALE_MESSAGE = (
    "Someone else changed this ticket while you were editing it. The fields now show the "
    "latest values; check them and make your change again."
)


@dataclass(frozen=True)
class PanelSlot:
    name: str
    url: str
    html: SafeString


def panel_slots(request: HtmxHttpRequest, ticket: Ticket) -> list[PanelSlot]:
    return [
        PanelSlot(
            name=panel.name,
            url=reverse(panel.url_name, args=[ticket.pk]),
            html=mark_safe(panel.render(request, ticket)),  # noqa: S308 - a rendered template
        )
        for panel in screens.panels_for(current_user(request))
    ]


def timeline_of(user: User, ticket: Ticket) -> list[TimelineEntry]:
    return timeline(selectors.events_of(user, ticket), zone=zone_of(user))


def page_context(
    request: HtmxHttpRequest,
    ticket: Ticket,
    *,
    reply_form: ReplyForm | None = None,
    fields_form: TicketFieldsForm | None = None,
    fields_notice: str = "",
    approval_parts: dict[str, Any] | None = None,
    macro_parts: dict[str, Any] | None = None,
) -> dict[str, Any]:
    user = current_user(request)
    return {
        **approvals_context(user, ticket, **(approval_parts or {})),
        **(macro_parts or {}),
        "ticket": ticket,
        "messages_shown": selectors.messages_of(user, ticket),
        "timeline": timeline_of(user, ticket),
        "reply_form": reply_form or ReplyForm(macros=macros_for(user, ticket)),
        "fields_form": fields_form or TicketFieldsForm(ticket=ticket),
        "fields_notice": fields_notice,
        "viewers": presence.viewers_of(ticket.pk, excluding_user_id=user.pk),
        "can_dry_run_rules": policy.can_manage_rules(user),
    }


def render_page(
    request: HtmxHttpRequest, ticket: Ticket, status: int = 200, **parts: Any
) -> HttpResponse:
    context = {**page_context(request, ticket, **parts), "panels": panel_slots(request, ticket)}
    return vary_on_htmx(render(request, "web/ticket/page.html", context, status=status))


@require_GET
@staff_only
def ticket_page(request: HtmxHttpRequest, ticket_id: int) -> HttpResponse:
    user = current_user(request)
    ticket = visible_ticket(user, ticket_id)
    presence.record_presence(ticket.pk, user_id=user.pk, name=user.name, is_typing=False)
    return render_page(request, ticket)


@require_POST
@staff_only
def reply(request: HtmxHttpRequest, ticket_id: int) -> HttpResponse:
    user = current_user(request)
    ticket = visible_ticket(user, ticket_id)
    form = ReplyForm(request.POST, request.FILES, macros=macros_for(user, ticket))
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data.get("macro"):
                send_with_macro(ticket, user=user, form=form)
            else:
                add_message(
                    ticket,
                    actor=Actor.of_user(user),
                    body=data["body"],
                    is_public=data["visibility"] == "public",
                    status=data["status"] or None,
                    attachments=incoming_files(data["attachments"]),
                )
        except DomainError as error:
            add_domain_error(form, error)
            status = error.status_code
        else:
            ticket = visible_ticket(user, ticket_id)
            if wants_fragment(request):
                context = page_context(request, ticket)
                answer = render(request, "web/ticket/reply_result.html", context)
                return ticket_changed(answer, frame=False)
            sent = "Reply sent." if data["visibility"] == "public" else "Internal note added."
            if data.get("macro"):
                sent = "Reply sent and the macro's actions done."
            messages.success(request, sent)
            return redirect(reverse("web:ticket", args=[ticket.pk]) + "#conversation")
    if wants_fragment(request):
        return render(
            request,
            "web/ticket/_reply_form.html",
            {"ticket": ticket, "reply_form": form},
            status=status,
        )
    return render_page(request, ticket, status=status, reply_form=form)


@require_POST
@staff_only
def macro_preview(request: HtmxHttpRequest, ticket_id: int) -> HttpResponse:
    """Fill the reply box with the chosen macro's reply, for the agent to edit and send."""
    user = current_user(request)
    ticket = visible_ticket(user, ticket_id)
    filled = filled_reply(ticket, user=user, posted=request.POST)
    parts = {"macro": filled.macro, "macro_preview": filled.preview}
    if wants_fragment(request):
        context = {"ticket": ticket, "reply_form": filled.form, **parts}
        return render(request, "web/ticket/_reply_form.html", context, status=filled.status)
    return render_page(
        request, ticket, status=filled.status, reply_form=filled.form, macro_parts=parts
    )


@require_POST
@staff_only
def update_fields(request: HtmxHttpRequest, ticket_id: int) -> HttpResponse:
    user = current_user(request)
    ticket = visible_ticket(user, ticket_id)
    form = TicketFieldsForm(request.POST, ticket=ticket)
    status, notice = 422, ""
    if form.is_valid():
        try:
            update_ticket(
                ticket,
                actor=Actor.of_user(user),
                changes=form.changes(),
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion as error:
            ticket = visible_ticket(user, ticket_id)
            form, status, notice = TicketFieldsForm(ticket=ticket), error.status_code, STALE_MESSAGE
        except DomainError as error:
            add_domain_error(form, error)
            status = error.status_code
        else:
            ticket = visible_ticket(user, ticket_id)
            if wants_fragment(request):
                context = page_context(request, ticket, fields_notice="Saved.")
                answer = render(request, "web/ticket/fields_result.html", context)
                return ticket_changed(answer, frame=False)
            messages.success(request, "Ticket updated.")
            return redirect("web:ticket", ticket_id=ticket.pk)
    if wants_fragment(request):
        context = page_context(request, ticket, fields_form=form, fields_notice=notice)
        return render(request, "web/ticket/fields_result.html", context, status=status)
    return render_page(request, ticket, status=status, fields_form=form, fields_notice=notice)


@require_GET
@staff_only
def frame_parts(request: HtmxHttpRequest, ticket_id: int) -> HttpResponse:
    """The frame's header, conversation, fields and timeline, out of band: a panel changed the
    ticket, and the page brings its frame up to date."""
    ticket = visible_ticket(current_user(request), ticket_id)
    return render(request, "web/ticket/frame_result.html", page_context(request, ticket))


@require_POST
@staff_only
def presence_notice(request: HtmxHttpRequest, ticket_id: int) -> HttpResponse:
    user = current_user(request)
    ticket = visible_ticket(user, ticket_id)
    presence.record_presence(
        ticket.pk, user_id=user.pk, name=user.name, is_typing=request.POST.get("typing") == "1"
    )
    viewers = presence.viewers_of(ticket.pk, excluding_user_id=user.pk)
    return render(request, "web/ticket/_presence.html", {"viewers": viewers})
