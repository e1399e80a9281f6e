"""The workload of a team's agents over the API."""

import json


def patch(client, url, body):
    return client.patch(url, data=json.dumps(body), content_type="application/json")


def test_supervisors_see_the_workload(api_client, supervisor, agent, team):
    patch(api_client(agent), "/api/v1/agents/me/availability", {"availability": "online"})

    response = api_client(supervisor).get(f"/api/v1/teams/{team.pk}/workload")

    assert response.status_code == 200
    assert [
        (row["name"], row["availability"], row["load"], row["capacity"]) for row in response.json()
    ] == [
        ("Ana Agent", "online", 0.0, 8),
        ("Sam Supervisor", "offline", 0.0, 8),
    ]
    assert api_client(agent).get(f"/api/v1/teams/{team.pk}/workload").status_code == 404
