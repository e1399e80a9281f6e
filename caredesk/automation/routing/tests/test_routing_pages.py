"""The availability toggle, the routing and workload screen, and routing on the timeline."""

import pytest
from django.urls import reverse

from caredesk.accounts.models import AgentProfile
from caredesk.accounts.services.agent_profiles import set_availability
from caredesk.automation.models import RoutingPolicy
from caredesk.automation.routing.services.policies import RoutingChanges, set_routing_policy
from caredesk.tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

ROUTING = reverse("web:routing")
AVAILABILITY = reverse("web:availability")


@pytest.mark.parametrize(
    ("role", "status"),
    [("agent", 403), ("supervisor", 200), ("admin", 200), ("customer", 302), ("anonymous", 302)],
)
def test_supervisors_and_admins_open_the_routing_screen(client_as, team, agent, role, status):
    response = client_as(role).get(ROUTING)

    assert response.status_code == status
    if status == 200:
        assert "Routing and workload" in response.text
        assert "Ana Agent" in response.text


def test_the_header_toggle_sets_availability(client_as, agent):
    client = client_as("agent")

    page = client.get(reverse("web:queue", args=["mine"]))
    response = client.post(AVAILABILITY, {"availability": "online", "next": "/workspace/"})

    assert 'name="availability"' in page.text
    assert response.status_code == 302
    assert response.url == "/workspace/"
    assert AgentProfile.objects.get(pk=agent.pk).availability == "online"


def test_the_header_toggle_answers_htmx_with_the_partial(client_as, agent):
    response = client_as("agent").post(
        AVAILABILITY, {"availability": "away"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert 'value="away" selected' in response.text
    assert "<html" not in response.text


def test_the_toggle_refuses_an_unknown_value(client_as, agent):
    response = client_as("agent").post(
        AVAILABILITY, {"availability": "busy"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 422
    assert not AgentProfile.objects.exists()


def test_the_toggle_never_redirects_off_site(client_as, agent):
    response = client_as("agent").post(
        AVAILABILITY, {"availability": "online", "next": "https://evil.example/"}
    )

    assert response.url == reverse("web:workspace")


def routing_form(**overrides):
    data = {
        "mode": "least_loaded",
        "weight_low": "0.5",
        "weight_normal": "1",
        "weight_high": "1.5",
        "weight_urgent": "2",
        "reassign_unanswered_after_minutes": "30",
        "reassign_when_offline": "on",
    }
    return data | overrides


def test_a_supervisor_sets_team_routing(client_as, team):
    response = client_as("supervisor").post(
        reverse("web:team_routing", args=[team.pk]), routing_form()
    )

    assert response.status_code == 302
    routing = RoutingPolicy.objects.get(pk=team.pk)
    assert (routing.mode, routing.reassign_unanswered_after_minutes) == ("least_loaded", 30)


def test_bad_team_routing_is_shown_on_its_field(client_as, team):
    response = client_as("supervisor").post(
        reverse("web:team_routing", args=[team.pk]), routing_form(weight_high="0")
    )

    assert response.status_code == 422
    assert "Ensure this value is greater than or equal to 0.01." in response.text
    assert not RoutingPolicy.objects.exists()


def test_an_agent_cannot_set_team_routing(client_as, team):
    response = client_as("agent").post(reverse("web:team_routing", args=[team.pk]), routing_form())

    assert response.status_code == 403
    assert not RoutingPolicy.objects.exists()


def test_routing_is_explained_on_the_timeline(client_as, team, supervisor, agent, customer):
    set_routing_policy(team, actor=supervisor, changes=RoutingChanges(mode="round_robin"))
    set_availability(agent, availability="online")
    ticket = make_ticket(customer, team=team)

    page = client_as("agent").get(reverse("web:ticket", args=[ticket.pk]))

    assert "Routing: assigned to Ana Agent: next in turn, load 0/8" in page.text
