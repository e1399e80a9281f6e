"""Admins' screen for authority limits: how much each staff role may give without approval."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from caredesk.accounts.ui.access import admin_only, current_user
from caredesk.automation.approvals import selectors as approval_selectors
from caredesk.automation.approvals.services.authority import replace_authority_limits
from caredesk.automation.approvals.ui.authority_forms import AuthorityLimitsForm
from caredesk.core.errors import DomainError


@require_http_methods(["GET", "POST"])
@admin_only
def authority_limits(request: HttpRequest) -> HttpResponse:
    limits = list(approval_selectors.authority_limits().select_related("updated_by"))
    form = AuthorityLimitsForm(request.POST if request.method == "POST" else None, limits=limits)
    status = 200
    if form.is_bound:
        status = 422
        if form.is_valid():
            try:
                replace_authority_limits(form.specs(), actor=current_user(request))
            except DomainError as error:
                form.add_service_error(error.field, error.message)
                status = error.status_code
            else:
                messages.success(request, "Authority limits saved.")
                return redirect("web:authority_limits")
    last_change = max(limits, key=lambda limit: limit.updated_at, default=None)
    context = {"form": form, "last_change": last_change}
    return render(request, "automation/approvals/authority_limits.html", context, status=status)
