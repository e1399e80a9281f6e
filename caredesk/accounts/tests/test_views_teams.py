"""Admins' Teams screen: who is on call for each team, chosen among its supervisors and admins."""

import pytest
from django.urls import reverse

from caredesk.accounts.models import Team

pytestmark = pytest.mark.django_db

TEAMS = reverse("web:team_settings")


def on_call_url(team):
    return reverse("web:team_on_call", args=[team.pk])


def on_calls():
    return list(Team.objects.values_list("name", "on_call"))


@pytest.mark.parametrize(
    ("role", "status"),
    [("agent", 403), ("supervisor", 403), ("admin", 200), ("customer", 302), ("anonymous", 302)],
)
def test_only_admins_open_the_screen(client_as, team, role, status):
    response = client_as(role).get(TEAMS)

    assert response.status_code == status
    if status == 403:
        assert "Only admins may change these settings." in response.text


@pytest.mark.parametrize("role", ["agent", "supervisor", "customer", "anonymous"])
def test_nobody_else_changes_the_on_call(client_as, team, supervisor, role):
    client = client_as(role)
    before = on_calls()

    client.post(on_call_url(team), {"user": supervisor.pk})

    assert on_calls() == before


def test_list_shows_teams_their_supervisors_and_who_is_on_call(
    client_as, team, other_team, supervisor, agent, django_assert_max_num_queries
):
    team.on_call = supervisor
    team.save()
    client = client_as("admin")

    with django_assert_max_num_queries(12):
        response = client.get(TEAMS)

    rows = {row["team"].name: row for row in response.context["rows"]}
    assert (rows["Support"]["agents"], rows["Support"]["supervisors"]) == (1, [supervisor])
    assert (rows["Billing"]["agents"], rows["Billing"]["supervisors"]) == (0, [])
    assert "Add a supervisor to the team to choose one." in response.text
    assert f'<option value="{supervisor.pk}" selected>Sam Supervisor (Supervisor)</option>' in (
        response.text
    )
    assert f'<option value="{agent.pk}"' not in response.text


def test_admin_sets_and_clears_the_on_call(client_as, team, supervisor):
    client = client_as("admin")

    response = client.post(on_call_url(team), {"user": supervisor.pk})

    assert response.status_code == 302
    assert response["Location"] == TEAMS
    assert Team.objects.get(pk=team.pk).on_call == supervisor
    assert "Sam Supervisor is on call for Support now." in client.get(TEAMS).text

    client.post(on_call_url(team), {"user": ""})

    assert Team.objects.get(pk=team.pk).on_call is None
    assert "Nobody is on call for Support now." in client.get(TEAMS).text


def test_an_agent_cannot_be_on_call_and_nothing_changes(client_as, team, supervisor, agent):
    team.on_call = supervisor
    team.save()
    before = on_calls()

    response = client_as("admin").post(on_call_url(team), {"user": agent.pk})

    assert response.status_code == 422
    assert (
        "On call for Support: Ana Agent is not an active supervisor or admin of Support."
        in response.text
    )
    assert 'aria-invalid="true"' in response.text
    assert on_calls() == before


def test_a_supervisor_of_another_team_cannot_be_on_call(client_as, team, other_team, supervisor):
    response = client_as("admin").post(on_call_url(other_team), {"user": supervisor.pk})

    assert response.status_code == 422
    assert "Sam Supervisor is not an active supervisor or admin of Billing." in response.text
    assert Team.objects.get(pk=other_team.pk).on_call is None


def test_an_unknown_person_is_refused(client_as, team, customer_user):
    client = client_as("admin")

    unknown = client.post(on_call_url(team), {"user": "999999"})
    customer = client.post(on_call_url(team), {"user": customer_user.pk})

    assert (unknown.status_code, customer.status_code) == (422, 422)
    assert "On call for Support: Select a valid choice." in unknown.text
    assert "On call for Support: Select a valid choice." in customer.text
    assert Team.objects.get(pk=team.pk).on_call is None


def test_unknown_team_is_not_found_and_the_change_takes_a_post(client_as, team, supervisor):
    client = client_as("admin")

    assert client.post(reverse("web:team_on_call", args=[999]), {"user": ""}).status_code == 404
    assert client.get(on_call_url(team)).status_code == 405
