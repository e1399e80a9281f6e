"""The agent's customer page: the profile, the tickets the viewer may see, and the portal
invitation for a customer who has no way to sign in yet."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from caredesk.accounts import policy
from caredesk.accounts.models import User
from caredesk.accounts.ui.access import current_user, staff_only
from caredesk.core.errors import DomainError, NotFound, PermissionDenied
from caredesk.customers.models import Customer
from caredesk.customers.selectors import get_customer_for
from caredesk.customers.services.portal_access import invite_customer
from caredesk.tickets.selectors import customer_history


def _visible_customer(user: User, customer_id: int) -> Customer:
    try:
        return get_customer_for(user, customer_id)
    except NotFound as error:
        raise Http404(error.message) from error


def _render_page(
    request: HttpRequest, customer: Customer, *, status: int = 200, invite_error: str = ""
) -> HttpResponse:
    user = current_user(request)
    context = {
        "customer": customer,
        "history": customer_history(user, customer.pk),
        "on_customer_page": True,
        "can_invite": policy.can_invite_customer(user),
        "invite_error": invite_error,
    }
    return render(request, "web/customer/page.html", context, status=status)


@require_GET
@staff_only
def customer_page(request: HttpRequest, customer_id: int) -> HttpResponse:
    return _render_page(request, _visible_customer(current_user(request), customer_id))


@require_POST
@staff_only
def invite(request: HttpRequest, customer_id: int) -> HttpResponse:
    user = current_user(request)
    customer = _visible_customer(user, customer_id)
    try:
        link = invite_customer(customer, actor=user)
    except PermissionDenied as error:
        return render(request, "web/forbidden.html", {"refusal": error.message}, status=403)
    except DomainError as error:
        return _render_page(request, customer, status=error.status_code, invite_error=error.message)
    messages.success(request, f"Invitation sent to {link.email}: the link works once.")
    return redirect("web:customer", customer.pk)
