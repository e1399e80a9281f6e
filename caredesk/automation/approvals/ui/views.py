"""Refunds, credits and goodwill on the ticket page: propose one, and decide the ones that wait."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from caredesk.accounts.models import User
from caredesk.accounts.ui.access import current_user, staff_only
from caredesk.automation.approvals import selectors as approval_selectors
from caredesk.automation.approvals.money import money_text
from caredesk.automation.approvals.services.requests import cancel, decide, propose_action
from caredesk.automation.approvals.ui import ticket_page
from caredesk.automation.approvals.ui.forms import ProposalForm
from caredesk.automation.approvals.ui.rows import approvals_context, decision_form, outcome_text
from caredesk.automation.models import ApprovalRequest
from caredesk.core.errors import DomainError, NotFound
from caredesk.core.ui.form_errors import add_domain_error
from caredesk.core.ui.htmx import HtmxHttpRequest, wants_fragment
from caredesk.tickets.models import Ticket
from caredesk.tickets.ui.access import visible_ticket


def _answer(
    request: HtmxHttpRequest,
    ticket: Ticket,
    *,
    status: int = 200,
    notice: str = "",
    **parts: Any,
) -> HttpResponse:
    """The approvals section (and the timeline, out of band) for htmx; else back to the page."""
    user = current_user(request)
    if wants_fragment(request):
        context = approvals_context(user, ticket, outcome=notice, **parts)
        context["timeline"] = ticket_page.timeline_of(user, ticket)
        return render(request, "automation/approvals/approvals_result.html", context, status=status)
    if status < 400:
        messages.success(request, notice or "Done.")
        return redirect(reverse("web:ticket", args=[ticket.pk]) + "#approvals")
    # Without JavaScript the whole page comes back, with the errors on their fields.
    return ticket_page.render_page(request, ticket, status=status, approval_parts=parts)


@require_POST
@staff_only
def propose(request: HtmxHttpRequest, ticket_id: int) -> HttpResponse:
    user = current_user(request)
    ticket = visible_ticket(user, ticket_id)
    form = ProposalForm(request.POST)
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        try:
            proposal = propose_action(
                ticket,
                actor=user,
                action=data["action"],
                amount=data["amount"],
                currency=data["currency"],
                reason=data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
            status = error.status_code
        else:
            return _answer(request, ticket, notice=outcome_text(proposal))
    return _answer(request, ticket, status=status, proposal_form=form)


def _visible_approval(user: User, approval_id: int) -> ApprovalRequest:
    try:
        return approval_selectors.get_approval_for(user, approval_id)
    except NotFound as error:
        raise Http404(error.message) from error


@require_POST
@staff_only
def decide_approval(request: HtmxHttpRequest, approval_id: int) -> HttpResponse:
    user = current_user(request)
    approval = _visible_approval(user, approval_id)
    ticket = visible_ticket(user, approval.ticket_id)
    form = decision_form(approval, request.POST)
    status = 422
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            decided = decide(approval, actor=user, approve=approve, note=form.cleaned_data["note"])
        except DomainError as error:
            add_domain_error(form, error)
            status = error.status_code
        else:
            verb = "Approved" if approve else "Denied"
            amount = money_text(decided.amount, decided.currency)
            notice = f"{verb}: {decided.get_action_display().lower()} of {amount}."
            return _answer(request, ticket, notice=notice)
    return _answer(request, ticket, status=status, failed=form, failed_id=approval.pk)


@require_POST
@staff_only
def cancel_approval(request: HtmxHttpRequest, approval_id: int) -> HttpResponse:
    user = current_user(request)
    approval = _visible_approval(user, approval_id)
    ticket = visible_ticket(user, approval.ticket_id)
    form = decision_form(approval)
    try:
        cancel(approval, actor=user)
    except DomainError as error:
        form.add_error(None, error.message)
        return _answer(
            request, ticket, status=error.status_code, failed=form, failed_id=approval.pk
        )
    return _answer(request, ticket, notice="Request withdrawn.")
