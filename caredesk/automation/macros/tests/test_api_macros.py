import pytest

from caredesk.automation.models import Macro, MacroTranslation
from caredesk.tickets.models import Message, TicketEvent

MACRO = {
    "name": "Need more information",
    "translations": [
        {"language": "en", "body": "Hi {{customer.preferred_name}}, could you send a photo?"},
        {"language": "de", "body": "Hallo {{customer.preferred_name}}, ein Foto bitte?"},
    ],
    "set_status": "pending",
    "set_priority": "high",
    "add_tags": ["needs-info"],
}


def stored():
    return (
        sorted(Macro.objects.values_list("name", "team_id", "set_status", "usage_count")),
        sorted(MacroTranslation.objects.values_list("language", "body")),
    )


def test_a_supervisor_creates_a_team_macro(as_user, supervisor, team):
    response = as_user(supervisor, "post", "/api/v1/macros", {**MACRO, "team_id": team.pk})

    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["scope"], body["team"], body["owner"]) == (
        "Need more information",
        "team",
        {"id": team.pk, "name": "Support"},
        None,
    )
    assert [t["language"] for t in body["translations"]] == ["de", "en"]
    assert (body["set_status"], body["set_priority"], body["add_tags"]) == (
        "pending",
        "high",
        ["needs-info"],
    )
    assert body["usage_count"] == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [("admin_user", 201), ("supervisor", 403), ("agent", 403), ("customer_user", 404)],
)
def test_global_macros_are_for_admins(request, as_user, who, status):
    response = as_user(request.getfixturevalue(who), "post", "/api/v1/macros", MACRO)

    assert response.status_code == status
    if status != 201:
        assert stored() == ([], [])


def test_an_agent_creates_a_personal_macro(as_user, agent):
    response = as_user(agent, "post", "/api/v1/macros", {**MACRO, "personal": True})

    assert response.status_code == 201
    assert response.json()["owner"] == {"id": agent.pk, "name": "Ana Agent"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"team_id": 999}, "team_id"),
        ({"set_status": "gone"}, "set_status"),
        ({"set_priority": "extreme"}, "set_priority"),
        (
            {"translations": [{"language": "en", "body": "Hi {{customer.nick}}"}]},
            "translations.0.body",
        ),
        ({"translations": [{"language": "en"}]}, "translations.0.body"),
        (
            {"translations": [{"language": "en", "body": "a"}, {"language": "EN", "body": "b"}]},
            "translations.1.language",
        ),
        ({"add_tags": ["no spaces!"]}, "add_tags"),
        ({"internal_note": "{{secret}}"}, "internal_note"),
        ({"colour": "red"}, "colour"),
        ({"position": -1}, "position"),
    ],
)
def test_bad_input_is_refused_naming_the_field(as_user, admin_user, change, field):
    response = as_user(admin_user, "post", "/api/v1/macros", {**MACRO, **change})

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert stored() == ([], [])


def test_unknown_placeholder_is_named_in_the_answer(as_user, admin_user):
    body = {**MACRO, "translations": [{"language": "en", "body": "Hi {{customer.nick}}"}]}

    response = as_user(admin_user, "post", "/api/v1/macros", body)

    assert response.json()["detail"].startswith("Unknown placeholder {{customer.nick}};")


def test_put_replaces_and_delete_removes(as_user, admin_user, refund_macro):
    path = f"/api/v1/macros/{refund_macro.pk}"

    response = as_user(admin_user, "put", path, {**MACRO, "team_id": refund_macro.team_id})

    assert response.status_code == 200
    assert response.json()["name"] == "Need more information"
    assert [t["language"] for t in response.json()["translations"]] == ["de", "en"]
    assert as_user(admin_user, "delete", path).status_code == 204
    assert as_user(admin_user, "get", path).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("admin_user", 200),
        ("supervisor", 200),
        ("agent", 200),
        ("other_agent", 404),
        ("customer_user", 404),
    ],
)
def test_who_reads_a_team_macro(request, as_user, refund_macro, who, status):
    response = as_user(request.getfixturevalue(who), "get", f"/api/v1/macros/{refund_macro.pk}")

    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"), [("agent", 403), ("other_agent", 404), ("customer_user", 404)]
)
def test_who_may_not_change_a_team_macro(request, as_user, refund_macro, who, status):
    before = stored()
    user = request.getfixturevalue(who)
    path = f"/api/v1/macros/{refund_macro.pk}"

    assert (
        as_user(user, "put", path, {**MACRO, "team_id": refund_macro.team_id}).status_code == status
    )
    assert as_user(user, "delete", path).status_code == status
    assert stored() == before


def test_preview_renders_for_the_ticket_and_writes_nothing(as_user, agent, ticket, refund_macro):
    before = (Message.objects.count(), TicketEvent.objects.count(), stored())

    response = as_user(
        agent, "post", f"/api/v1/macros/{refund_macro.pk}/preview?ticket={ticket.pk}"
    )

    assert response.status_code == 200
    assert response.json() == {
        "language": "en",
        "body": f"Hi Cora, your refund for #{ticket.pk} is on its way.\nAna",
        "internal_note": "Refund sent by Ana Agent.",
        "actions": [
            "Set status to Solved",
            "Set priority to high",
            "Add tags refund",
            "Remove tags waiting",
            "Assign to me",
            "Add an internal note",
        ],
    }
    assert (Message.objects.count(), TicketEvent.objects.count(), stored()) == before


@pytest.mark.parametrize("query", ["", "?ticket=abc", "?ticket=0", "?ticket=99999"])
def test_preview_needs_a_visible_ticket(as_user, agent, refund_macro, query):
    response = as_user(agent, "post", f"/api/v1/macros/{refund_macro.pk}/preview{query}")

    assert response.status_code in (404, 422)
    assert response.json()["field"] == "ticket"


def test_apply_sends_the_reply_and_runs_the_actions(as_user, agent, ticket, refund_macro):
    response = as_user(agent, "post", f"/api/v1/tickets/{ticket.pk}/macros/{refund_macro.pk}/apply")

    assert response.status_code == 200
    body = response.json()
    assert (body["ticket_id"], body["status"]) == (ticket.pk, "solved")
    assert Message.objects.get(pk=body["reply_id"]).body_text.startswith("Hi Cora, your refund")
    assert not Message.objects.get(pk=body["note_id"]).is_public
    assert TicketEvent.objects.filter(ticket=ticket, kind="macro.applied").count() == 1


def test_apply_with_the_agents_edit(as_user, agent, ticket, refund_macro):
    response = as_user(
        agent,
        "post",
        f"/api/v1/tickets/{ticket.pk}/macros/{refund_macro.pk}/apply",
        {"body": "Refund sent, Cora."},
    )

    assert Message.objects.get(pk=response.json()["reply_id"]).body_text == "Refund sent, Cora."


@pytest.mark.parametrize(
    ("who", "ticket_name", "status"),
    [
        ("customer_user", "ticket", 404),
        ("other_agent", "ticket", 404),
        ("agent", "other_ticket", 404),
    ],
)
def test_apply_refused_changes_nothing(request, as_user, refund_macro, who, ticket_name, status):
    ticket = request.getfixturevalue(ticket_name)
    before = (Message.objects.count(), TicketEvent.objects.count(), stored())

    response = as_user(
        request.getfixturevalue(who),
        "post",
        f"/api/v1/tickets/{ticket.pk}/macros/{refund_macro.pk}/apply",
    )

    assert response.status_code == status
    assert (Message.objects.count(), TicketEvent.objects.count(), stored()) == before


def test_apply_with_an_empty_edit_names_the_body(as_user, agent, ticket, refund_macro):
    response = as_user(
        agent, "post", f"/api/v1/tickets/{ticket.pk}/macros/{refund_macro.pk}/apply", {"body": ""}
    )

    assert response.status_code == 422
    assert response.json()["field"] == "body"


def test_the_list_takes_a_fixed_number_of_queries(
    as_user, admin_user, team, other_team, django_assert_num_queries
):
    as_user(admin_user, "get", "/api/v1/macros")
    for index, scope in enumerate([None, team, other_team, team]):
        body = {**MACRO, "name": f"Macro {index}", "team_id": scope.pk if scope else None}
        assert as_user(admin_user, "post", "/api/v1/macros", body).status_code == 201

    # The token, the macros with their teams and owners, their translations.
    with django_assert_num_queries(3):
        response = as_user(admin_user, "get", "/api/v1/macros")

    assert len(response.json()) == 4
