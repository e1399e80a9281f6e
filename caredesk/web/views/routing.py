"""Routing and workload: supervisors set how each team routes and what each agent takes, and see
every agent's availability and load. Agents set their own availability from the header."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from caredesk.accounts.choices import STAFF_ROLES
from caredesk.accounts.models import Team, User
from caredesk.accounts.services.agent_profiles import (
    profile_of,
    set_availability,
    update_agent_profile,
)
from caredesk.analytics.workload import team_workload
from caredesk.automation.routing.services.policies import routing_policy_of, set_routing_policy
from caredesk.channels.chat.selectors import capacity_of
from caredesk.channels.chat.services.availability import set_chat_limit
from caredesk.core.errors import DomainError
from caredesk.web.access import current_user, staff_only, supervisor_only
from caredesk.web.form_errors import add_domain_error
from caredesk.web.htmx import HtmxHttpRequest, wants_fragment
from caredesk.web.routing_forms import AgentProfileForm, AvailabilityForm, RoutingPolicyForm


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
    return render(request, "web/routing/page.html", {"rows": rows}, status=status)


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


@require_http_methods(["GET", "POST"])
@supervisor_only
def agent_routing(request: HttpRequest, agent_id: int) -> HttpResponse:
    agent = User.objects.filter(pk=agent_id, role__in=STAFF_ROLES, is_active=True).first()
    if agent is None:
        raise Http404("No such agent.")
    chat_capacity = capacity_of(agent)
    form = AgentProfileForm(
        request.POST if request.method == "POST" else None,
        profile=profile_of(agent),
        initial_chats=chat_capacity.max_concurrent,
    )
    status = 200
    if form.is_bound:
        status = 422
        if form.is_valid():
            actor = current_user(request)
            try:
                update_agent_profile(agent, actor=actor, changes=form.changes())
                if form.cleaned_data["max_concurrent_chats"] != chat_capacity.max_concurrent:
                    set_chat_limit(
                        agent,
                        actor=actor,
                        max_concurrent=form.cleaned_data["max_concurrent_chats"],
                    )
            except DomainError as error:
                add_domain_error(form, error, aliases={"max_concurrent": "max_concurrent_chats"})
                status = error.status_code
            else:
                messages.success(request, f"Routing profile of {agent.name} saved.")
                return redirect("web:routing")
    context = {"agent": agent, "form": form}
    return render(request, "web/routing/agent.html", context, status=status)
