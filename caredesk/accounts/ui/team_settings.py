"""Admins' screen for teams: who is in each, and who takes its escalations (the on-call person)."""

from django.contrib import messages
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from caredesk.accounts.choices import Role
from caredesk.accounts.models import Team, User
from caredesk.accounts.services.users import set_on_call
from caredesk.accounts.ui.access import admin_only, current_user
from caredesk.accounts.ui.team_forms import OnCallForm, on_call_candidates
from caredesk.core.errors import DomainError
from caredesk.core.ui.form_errors import add_domain_error


def _teams() -> QuerySet[Team]:
    members = User.objects.filter(is_active=True).order_by("name", "id")
    return Team.objects.select_related("on_call").prefetch_related(
        Prefetch("members", queryset=members)
    )


def _page(
    request: HttpRequest, *, bound: OnCallForm | None = None, status: int = 200
) -> HttpResponse:
    rows = []
    for team in _teams():
        form = bound if bound is not None and bound.team.pk == team.pk else OnCallForm(team=team)
        members = list(team.members.all())
        rows.append(
            {
                "team": team,
                "form": form,
                "agents": sum(1 for member in members if member.role == Role.AGENT),
                "supervisors": [m for m in members if m.role == Role.SUPERVISOR],
                "has_candidates": bool(on_call_candidates(team)),
            }
        )
    context = {"rows": rows, "form": bound}
    return render(request, "accounts/teams.html", context, status=status)


@require_GET
@admin_only
def team_settings(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
@admin_only
def team_on_call(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _teams().filter(pk=team_id).first()
    if team is None:
        raise Http404("No such team.")
    form = OnCallForm(request.POST, team=team)
    if not form.is_valid():
        return _page(request, bound=form, status=422)
    chosen = form.cleaned_data["user"]
    try:
        set_on_call(team, actor=current_user(request), user=chosen)
    except DomainError as error:
        add_domain_error(form, error)
        return _page(request, bound=form, status=error.status_code)
    if chosen is None:
        messages.success(request, f"Nobody is on call for {team.name} now.")
    else:
        messages.success(request, f"{chosen.name} is on call for {team.name} now.")
    return redirect("web:team_settings")
