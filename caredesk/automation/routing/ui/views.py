"""Routing and workload: supervisors set how each team routes and see every agent's availability
and load. Agents set their own availability from the header."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from caredesk.accounts.models import Team
from caredesk.accounts.services.agent_profiles import profile_of, set_availability
from caredesk.accounts.ui.access import current_user, staff_only, supervisor_only
from caredesk.automation.routing.services.policies import routing_policy_of, set_routing_policy
from caredesk.automation.routing.ui.forms import AvailabilityForm, RoutingPolicyForm
from caredesk.automation.routing.ui.workload import team_workload
from caredesk.core.errors import DomainError
from caredesk.core.ui.form_errors import add_domain_error
from caredesk.core.ui.htmx import HtmxHttpRequest, wants_fragment


@require_POST
@staff_only
def availability(request: HtmxHttpRequest) -> HttpResponse:
    """The header's toggle: a full page post without scripts, a partial with htmx."""
    user = current_user(request)
    form = AvailabilityForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            set_availability(user, availability=form.cleaned_data["availability"])
        except DomainError as error:
            add_domain_error(form, error)
            status = error.status_code
    else:
        status = 422
    if wants_fragment(request):
        context = {"availability": profile_of(user).availability, "form": form}
        return render(request, "web/_availability.html", context, status=status)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "web:workspace"
    return redirect(back)


def _page(request: HttpRequest, *, bound: RoutingPolicyForm | None, status: int) -> HttpResponse:
    rows = []
    for team in Team.objects.all():
        routing = routing_policy_of(team)
        form = bound if bound is not None and bound.team_id == team.pk else None
        rows.append(
            {
                "team": team,
                "form": form or RoutingPolicyForm(routing=routing),
                "workload": team_workload(team),
            }
        )
    return render(request, "automation/routing/page.html", {"rows": rows}, status=status)


@require_http_methods(["GET"])
@supervisor_only
def routing_page(request: HttpRequest) -> HttpResponse:
    return _page(request, bound=None, status=200)


@require_POST
@supervisor_only
def team_routing(request: HttpRequest, team_id: int) -> HttpResponse:
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise Http404("No such team.")
    form = RoutingPolicyForm(request.POST, routing=routing_policy_of(team))
    if not form.is_valid():
        return _page(request, bound=form, status=422)
    try:
        set_routing_policy(team, actor=current_user(request), changes=form.changes())
    except DomainError as error:
        add_domain_error(form, error)
        return _page(request, bound=form, status=error.status_code)
    messages.success(request, f"Routing of {team.name} saved.")
    return redirect("web:routing")
