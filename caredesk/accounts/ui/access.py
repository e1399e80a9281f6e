"""Who may open which part of the UI: staff the workspace, customers the portal.

The policy decides; these helpers only turn its answers into redirects and 403s. Every app's
screens use them, so they live here, below the apps (``tickets.ui.access`` adds the ticket 404).
"""

from collections.abc import Callable
from functools import wraps
from typing import cast

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from caredesk.accounts import policy
from caredesk.accounts.models import User

View = Callable[..., HttpResponse]


def current_user(request: HttpRequest) -> User:
    """The signed-in user; call only behind ``staff_only``, ``customer_only`` or ``signed_in``."""
    return cast(User, request.user)


def staff_only(view: View) -> View:
    @wraps(view)
    def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not policy.is_staff(request.user):
            return redirect("web:portal")
        return view(request, *args, **kwargs)

    return guarded


def _staff_with(allowed: Callable[[object], bool], refusal: str) -> Callable[[View], View]:
    """Staff pages for some roles: other staff get a 403 saying who may open it; customers and
    visitors are sent where ``staff_only`` sends them."""

    def decorate(view: View) -> View:
        @staff_only
        @wraps(view)
        def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not allowed(request.user):
                return render(request, "web/forbidden.html", {"refusal": refusal}, status=403)
            return view(request, *args, **kwargs)

        return guarded

    return decorate


supervisor_only = _staff_with(
    policy.is_supervisor_or_admin, "This page is for supervisors and admins."
)
admin_only = _staff_with(policy.can_manage_settings, "Only admins may change these settings.")
rules_admin_only = _staff_with(policy.can_manage_rules, "Only admins manage automation rules.")


def signed_in(view: View) -> View:
    """Pages every active account has, staff or customer; visitors are asked to sign in."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not (policy.is_staff(request.user) or policy.is_customer(request.user)):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return guarded


def customer_only(view: View) -> View:
    @wraps(view)
    def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not policy.is_customer(request.user):
            return redirect("web:workspace")
        return view(request, *args, **kwargs)

    return guarded
