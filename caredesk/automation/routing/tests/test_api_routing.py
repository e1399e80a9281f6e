"""Availability, agent profiles and team routing over the API: each role, and bad input."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caredesk.accounts.models import AgentProfile, AgentShift
from caredesk.automation.models import RoutingPolicy


def patch(client, url, body):
    return client.patch(url, data=json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    ("caller", "status"),
    [("agent", 200), ("supervisor", 200), ("admin_user", 200), ("customer_user", 404), (None, 401)],
)
def test_each_caller_sets_their_own_availability(request, api_client, caller, status):
    user = request.getfixturevalue(caller) if caller else None

    response = patch(api_client(user), "/api/v1/agents/me/availability", {"availability": "online"})

    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert (body["agent_id"], body["availability"]) == (user.pk, "online")
        assert body["availability_changed_at"] is not None
        assert AgentProfile.objects.get(pk=user.pk).availability == "online"
    else:
        assert not AgentProfile.objects.exists()


def test_an_unknown_availability_names_the_field(api_client, agent):
    response = patch(api_client(agent), "/api/v1/agents/me/availability", {"availability": "busy"})

    assert response.status_code == 422
    assert response.json()["field"] == "availability"


@pytest.mark.parametrize(
    ("caller", "status"),
    [("agent", 403), ("supervisor", 200), ("admin_user", 200), ("customer_user", 404)],
)
def test_only_supervisors_and_admins_edit_skills(request, api_client, agent, caller, status):
    user = request.getfixturevalue(caller)
    body = {
        "languages": ["en", "ES"],
        "skills": ["Billing", "widget pro"],
        "max_open_load": 10,
        "shifts": [{"weekday": 0, "starts_at": "09:00", "ends_at": "17:00"}],
    }

    response = patch(api_client(user), f"/api/v1/agents/{agent.pk}/profile", body)

    assert response.status_code == status
    if status == 200:
        profile = response.json()
        assert profile["languages"] == ["en", "es"]
        assert profile["skills"] == ["billing", "widget pro"]
        assert profile["max_open_load"] == 10
        assert profile["shifts"] == [{"weekday": 0, "starts_at": "09:00:00", "ends_at": "17:00:00"}]
    else:
        assert not AgentProfile.objects.exists()
        assert not AgentShift.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"languages": ["english"]}, "languages"),
        ({"skills": [""]}, "skills"),
        ({"tier": 0}, "tier"),
        ({"max_open_load": 101}, "max_open_load"),
        (
            {"shifts": [{"weekday": 7, "starts_at": "09:00", "ends_at": "17:00"}]},
            "shifts.0.weekday",
        ),
        ({"shifts": [{"weekday": 1, "starts_at": "22:00", "ends_at": "06:00"}]}, "shifts.ends_at"),
        (
            {
                "shifts": [
                    {"weekday": 1, "starts_at": "08:00", "ends_at": "12:00"},
                    {"weekday": 1, "starts_at": "11:00", "ends_at": "15:00"},
                ]
            },
            "shifts",
        ),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_profile_input_names_the_field_and_writes_nothing(
    api_client, supervisor, agent, body, field
):
    response = patch(api_client(supervisor), f"/api/v1/agents/{agent.pk}/profile", body)

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not AgentShift.objects.exists()
    assert not AgentProfile.objects.filter(max_open_load=101).exists()


def test_a_missing_agent_is_not_found(api_client, supervisor, customer_user):
    for agent_id in (999999, customer_user.pk):
        response = patch(
            api_client(supervisor), f"/api/v1/agents/{agent_id}/profile", {"skills": ["x"]}
        )
        assert response.status_code == 404


@pytest.mark.parametrize(
    ("caller", "status"),
    [("agent", 403), ("supervisor", 200), ("admin_user", 200), ("customer_user", 404)],
)
def test_only_supervisors_and_admins_set_team_routing(request, api_client, team, caller, status):
    user = request.getfixturevalue(caller)
    body = {"mode": "skills_based", "weight_urgent": "3", "reassign_unanswered_after_minutes": 45}

    response = patch(api_client(user), f"/api/v1/teams/{team.pk}/routing", body)

    assert response.status_code == status
    if status == 200:
        routing = response.json()
        assert routing == {
            "team_id": team.pk,
            "mode": "skills_based",
            "weight_low": 0.5,
            "weight_normal": 1.0,
            "weight_high": 1.5,
            "weight_urgent": 3.0,
            "reassign_unanswered_after_minutes": 45,
            "reassign_when_offline": True,
        }
    else:
        assert not RoutingPolicy.objects.exists()


def test_an_empty_reassign_time_means_never(api_client, supervisor, team):
    client = api_client(supervisor)
    patch(client, f"/api/v1/teams/{team.pk}/routing", {"reassign_unanswered_after_minutes": 30})

    response = patch(
        client, f"/api/v1/teams/{team.pk}/routing", {"reassign_unanswered_after_minutes": None}
    )

    assert response.json()["reassign_unanswered_after_minutes"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"mode": "random"}, "mode"),
        ({"weight_low": 0}, "weight_low"),
        ({"weight_high": "1.555"}, "weight_high"),
        ({"reassign_unanswered_after_minutes": 0}, "reassign_unanswered_after_minutes"),
    ],
)
def test_bad_routing_input_names_the_field(api_client, supervisor, team, body, field):
    response = patch(api_client(supervisor), f"/api/v1/teams/{team.pk}/routing", body)

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not RoutingPolicy.objects.exists()


JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=60)
JSON = st.recursive(
    JSON_LEAVES,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
PROFILE_FIELDS = st.sampled_from(
    ["languages", "skills", "channels", "tier", "max_open_load", "shifts"]
)
ROUTING_FIELDS = st.sampled_from(
    [
        "mode",
        "weight_low",
        "weight_normal",
        "weight_high",
        "weight_urgent",
        "reassign_unanswered_after_minutes",
        "reassign_when_offline",
    ]
)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(body=st.dictionaries(PROFILE_FIELDS, JSON, max_size=4) | JSON)
def test_random_profile_json_never_fails_the_server(api_client, supervisor, agent, body):
    response = patch(api_client(supervisor), f"/api/v1/agents/{agent.pk}/profile", body)

    assert response.status_code in (200, 400, 422)


@FUZZ
@given(body=st.dictionaries(ROUTING_FIELDS, JSON, max_size=4) | JSON)
def test_random_routing_json_never_fails_the_server(api_client, supervisor, team, body):
    response = patch(api_client(supervisor), f"/api/v1/teams/{team.pk}/routing", body)

    assert response.status_code in (200, 400, 422)
