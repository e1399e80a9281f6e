"""An agent's routing profile: supervisors set what each agent takes, chats at once included."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from caredesk.accounts.choices import STAFF_ROLES
from caredesk.accounts.models import User
from caredesk.accounts.services.agent_profiles import profile_of, update_agent_profile
from caredesk.accounts.ui.access import current_user, supervisor_only
from caredesk.channels.chat.selectors import capacity_of
from caredesk.channels.chat.services.availability import set_chat_limit
from caredesk.core.errors import DomainError
from caredesk.core.ui.form_errors import add_domain_error
from caredesk.web.agent_profile_forms import AgentProfileForm


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
