import pytest
from django.urls import reverse

from caredesk.automation.macros.services.config import MacroSpec, create_macro
from caredesk.automation.models import Macro, MacroTranslation

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Password reset",
    "scope": "global",
    "position": "5",
    "is_active": "on",
    "default_language": "en",
    "body_en": "Hi {{customer.preferred_name}}, use the link we just sent.",
    "body_es": "",
    "body_de": "Hallo {{customer.preferred_name}}, nutzen Sie den Link.",
    "body_fr": "",
    "set_status": "pending",
    "set_priority": "",
    "add_tags": "password, account",
    "remove_tags": "",
    "internal_note": "",
}


def stored():
    return (
        sorted(Macro.objects.values_list("name", "team_id", "owner_id", "set_status")),
        sorted(MacroTranslation.objects.values_list("language", "body")),
    )


@pytest.fixture
def team_macro(admin_user, team):
    return create_macro(
        MacroSpec(name="Support hello", team=team, translations=[("en", "Hello")]),
        actor=admin_user,
    )


@pytest.mark.parametrize("role", ["agent", "supervisor", "admin"])
def test_staff_see_the_list_with_usage_counts(client_as, team_macro, role):
    Macro.objects.filter(pk=team_macro.pk).update(usage_count=7)

    response = client_as(role).get(reverse("web:macros"))

    assert response.status_code == 200
    assert "<td>7</td>" in response.text
    edit_link = f'href="{reverse("web:macro", args=[team_macro.pk])}"'
    assert (edit_link in response.text) == (role != "agent")


def test_customers_are_sent_to_the_portal(client_as):
    response = client_as("customer").get(reverse("web:macros"))

    assert response["Location"] == reverse("web:portal")


def test_an_admin_creates_a_macro_in_two_languages(client_as):
    response = client_as("admin").post(reverse("web:macro_new"), FORM)

    assert response.status_code == 302
    macro = Macro.objects.get()
    assert (macro.name, macro.scope, macro.position, macro.add_tags) == (
        "Password reset",
        "global",
        5,
        ["account", "password"],
    )
    assert stored()[1] == [
        ("de", "Hallo {{customer.preferred_name}}, nutzen Sie den Link."),
        ("en", "Hi {{customer.preferred_name}}, use the link we just sent."),
    ]


def test_an_unknown_placeholder_is_shown_on_its_language(client_as):
    response = client_as("admin").post(
        reverse("web:macro_new"), {**FORM, "body_de": "Hallo {{kunde.name}}"}
    )

    assert response.status_code == 422
    assert (
        '<a href="#id_body_de">Reply in Deutsch: Unknown placeholder {{kunde.name}};'
        in response.text
    )
    assert stored() == ([], [])


def test_an_agent_may_only_choose_a_personal_scope(client_as, agent):
    client = client_as("agent")

    page = client.get(reverse("web:macro_new"))
    refused = client.post(reverse("web:macro_new"), FORM)
    created = client.post(reverse("web:macro_new"), {**FORM, "scope": "personal"})

    assert '<option value="personal">' in page.text
    assert 'value="global"' not in page.text
    assert refused.status_code == 422
    assert created.status_code == 302
    assert stored()[0] == [("Password reset", None, agent.pk, "pending")]


def test_a_supervisor_edits_their_team_macro(client_as, team_macro, team):
    url = reverse("web:macro", args=[team_macro.pk])

    page = client_as("supervisor").get(url)
    response = client_as("supervisor").post(
        url, {**FORM, "scope": f"team:{team.pk}", "body_de": "", "set_status": ""}
    )

    assert "Hello</textarea>" in page.text
    assert response.status_code == 302
    team_macro.refresh_from_db()
    assert team_macro.name == "Password reset"
    assert [t.language for t in team_macro.translations.all()] == ["en"]


@pytest.mark.parametrize("role", ["agent"])
def test_who_may_not_edit_gets_a_404_and_nothing_changes(client_as, team_macro, role):
    before = stored()
    client = client_as(role)

    page = client.get(reverse("web:macro", args=[team_macro.pk]))
    edit = client.post(reverse("web:macro", args=[team_macro.pk]), FORM)
    delete = client.post(reverse("web:macro_delete", args=[team_macro.pk]))

    assert (page.status_code, edit.status_code, delete.status_code) == (404, 404, 404)
    assert stored() == before


def test_an_admin_deletes_a_macro(client_as, team_macro):
    response = client_as("admin").post(reverse("web:macro_delete", args=[team_macro.pk]))

    assert response["Location"] == reverse("web:macros")
    assert stored() == ([], [])
