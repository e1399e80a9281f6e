"""A person's own account: API tokens (everyone signed in) and the profile (staff)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from caredesk.accounts.models import ApiToken, User
from caredesk.accounts.services.tokens import issue_token, revoke_token
from caredesk.accounts.services.users import update_profile
from caredesk.accounts.ui.access import current_user, signed_in, staff_only
from caredesk.accounts.ui.account_forms import ProfileForm, TokenForm
from caredesk.core.errors import DomainError, NotFound
from caredesk.core.ui.form_errors import add_domain_error


def _active_tokens(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))


@never_cache
@require_http_methods(["GET", "POST"])
@signed_in
def tokens_page(request: HttpRequest) -> HttpResponse:
    """The list and the form; a created token's secret is on the answer to the POST only.

    The secret is rendered straight away, never stored in the session or a message, and the
    page is not cached: once it is left, nobody can bring the secret back.
    """
    user = current_user(request)
    form = TokenForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        status = 422
        if form.is_valid():
            try:
                issued = issue_token(user, name=form.cleaned_data["name"])
            except DomainError as error:
                add_domain_error(form, error)
                status = error.status_code
            else:
                context = {"token": issued.token, "secret": issued.secret}
                return render(request, "accounts/account/token_created.html", context, status=201)
    context = {"form": form, "tokens": _active_tokens(user)}
    return render(request, "accounts/account/tokens.html", context, status=status)


@require_POST
@signed_in
def revoke_token_view(request: HttpRequest, token_id: int) -> HttpResponse:
    user = current_user(request)
    # Someone else's token is "not found", like a missing one: revoke_token only touches the user's.
    name = ApiToken.objects.filter(pk=token_id, user=user).values_list("name", flat=True).first()
    try:
        revoke_token(user, token_id=token_id)
    except NotFound as error:
        raise Http404(error.message) from error
    messages.success(request, f"Token {name or 'without a name'} revoked: it no longer works.")
    return redirect("web:tokens")


@require_http_methods(["GET", "POST"])
@staff_only
def profile_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = ProfileForm(request.POST if request.method == "POST" else None, user=user)
    status = 200
    if form.is_bound:
        status = 422
        if form.is_valid():
            try:
                update_profile(
                    user,
                    name=form.cleaned_data["name"],
                    language=form.cleaned_data["language"],
                    timezone=form.cleaned_data["timezone"],
                )
            except DomainError as error:
                add_domain_error(form, error)
                status = error.status_code
            else:
                messages.success(request, "Profile saved.")
                return redirect("web:profile")
    return render(request, "accounts/account/profile.html", {"form": form}, status=status)
