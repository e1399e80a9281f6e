"""Signing in and out, and the home page that sends each role to its own side."""

from django.contrib.auth import login
from django.contrib.auth.views import LoginView, LogoutView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from caredesk.accounts import policy
from caredesk.customers.services.portal_access import redeem_portal_link, send_portal_link
from caredesk.web.forms import LoginForm, LoginLinkForm

login_page = LoginView.as_view(
    template_name="web/auth/login.html",
    authentication_form=LoginForm,
    redirect_authenticated_user=True,
)
logout_page = LogoutView.as_view(next_page="web:login")


def home(request: HttpRequest) -> HttpResponse:
    if policy.is_staff(request.user):
        return redirect("web:workspace")
    if policy.is_customer(request.user):
        return redirect("web:portal")
    return redirect("web:login")


@require_http_methods(["GET", "POST"])
def request_login_link(request: HttpRequest) -> HttpResponse:
    form = LoginLinkForm(request.POST) if request.method == "POST" else LoginLinkForm()
    if form.is_bound and form.is_valid():
        send_portal_link(form.cleaned_data["email"])
        # The same answer whether or not the address has an account, so nobody can probe.
        return render(
            request, "web/auth/login_link_sent.html", {"email": form.cleaned_data["email"]}
        )
    status = 400 if form.errors else 200
    return render(request, "web/auth/login_link_request.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def portal_login_link(request: HttpRequest, secret: str) -> HttpResponse:
    """GET only asks to confirm: mail scanners open links, and must not spend a one-time link."""
    if request.method == "GET":
        return render(request, "web/auth/login_link_confirm.html")
    user = redeem_portal_link(secret)
    if user is None:
        return render(request, "web/auth/login_link_invalid.html", status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("web:home")
