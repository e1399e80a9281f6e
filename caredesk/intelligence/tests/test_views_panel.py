"""The ticket page's triage panel: what caredesk read, what it predicted, one-click suggestions;
and that customers see none of it."""

import json

import pytest
from django.urls import reverse

from caredesk.intelligence.sentiment import DEESCALATION_HINT
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Priority
from caredesk.tickets.models import Category
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

HEATED = "This is the THIRD TIME I WRITE!! UNACCEPTABLE. I will call my lawyer and cancel."


@pytest.fixture
def suggested(customer, team):
    """Cold start: keyword rules suggest billing and high, nothing is applied."""
    return make_ticket(
        customer,
        team=team,
        subject="Urgent: invoice",
        body="Please refund the double charge immediately.",
    )


def page(client, ticket):
    return client.get(reverse("web:ticket", args=[ticket.pk]))


def apply(client, ticket, target, **extra):
    data = {"target": target, "version": ticket.version, **extra}
    return client.post(reverse("web:ticket_apply_suggestion", args=[ticket.pk]), data)


def test_the_panel_shows_language_sentiment_and_suggestions(agent_client, suggested):
    response = page(agent_client, suggested)

    panel = response.context["triage"]
    assert panel.language == "English (en)"
    assert (panel.is_heated, panel.deescalation_hint) == (False, None)
    assert [(p.target, p.shown, p.confidence, p.decision, p.can_apply) for p in
            panel.predictions] == [
        ("category", "Billing", 0.75, "suggested", True),
        ("priority", "high", 0.6667, "suggested", True),
    ]  # fmt: skip
    assert "Keyword rules (cold start)" in panel.predictions[0].source
    assert '<h2 id="triage-heading">Triage</h2>' in response.text
    assert 'name="target" value="category"' in response.text
    assert DEESCALATION_HINT not in response.text


def test_a_heated_message_shows_its_signals_and_the_deescalation_hint(
    agent_client, customer, suggested
):
    add_message(suggested, actor=Actor.of_customer(customer), body=HEATED)

    response = page(agent_client, suggested)

    panel = response.context["triage"]
    assert panel.is_heated
    assert panel.frustration == 1.0
    assert panel.reasons == [
        "negative tone",
        "capitals",
        "exclamation marks",
        "legal threat",
        "cancel",
        "repeated problem",
        "strong words",
    ]
    assert DEESCALATION_HINT in response.text
    assert '<span class="tag">legal threat</span>' in response.text


def test_applying_a_suggestion_goes_through_the_ticket_update(agent_client, suggested):
    response = apply(agent_client, suggested, "category")

    suggested.refresh_from_db()
    assert response.status_code == 302
    assert suggested.category == Category.objects.get(slug="billing")
    event = suggested.events.get(kind="intelligence.suggestion_applied")
    assert (event.actor_name, event.is_public) == ("Ana Agent", False)
    assert event.data == {
        "category": {
            "to": "billing",
            "confidence": 0.75,
            "source": "keywords",
            "model_version": None,
        }
    }
    assert suggested.events.filter(kind="field.changed", data__field="category").count() == 1
    after = page(agent_client, suggested)
    assert "Ana Agent applied the triage suggestion: category billing (0.75 sure)" in after.text
    category = after.context["triage"].predictions[0]
    assert (category.is_on_ticket, category.can_apply) == (True, False)


def test_applying_over_htmx_answers_the_panel_and_the_frame_reloads(agent_client, suggested):
    url = reverse("web:ticket_apply_suggestion", args=[suggested.pk])

    response = agent_client.post(
        url, {"target": "priority", "version": suggested.version}, headers={"HX-Request": "true"}
    )
    frame = agent_client.get(
        reverse("web:ticket_frame", args=[suggested.pk]), headers={"HX-Request": "true"}
    )

    suggested.refresh_from_db()
    assert response.status_code == 200
    assert suggested.priority == Priority.HIGH
    assert "Suggestion applied." in response.text
    assert response.text.startswith('<section id="triage" class="triage-panel"')
    assert json.loads(response["HX-Trigger"]) == {"ticket-changed": {"frame": True}}
    assert 'id="ticket-fields"' in frame.text
    assert 'id="timeline"' in frame.text
    assert "applied the triage suggestion" in frame.text


def test_a_stale_page_or_an_unknown_target_changes_nothing(agent_client, suggested):
    stale = apply(agent_client, suggested, "category", version=suggested.version - 1)
    unknown = apply(agent_client, suggested, "mood")
    no_team_guess = apply(agent_client, suggested, "team")

    suggested.refresh_from_db()
    assert (stale.status_code, unknown.status_code, no_team_guess.status_code) == (412, 422, 422)
    assert "Someone else changed this ticket" in stale.text
    assert "&#x27;mood&#x27; is not a field triage predicts." in unknown.text
    assert "There is no team suggestion for this ticket." in no_team_guess.text
    assert suggested.category is None
    assert not suggested.events.filter(kind="intelligence.suggestion_applied").exists()


def test_a_suggested_category_that_was_removed_cannot_be_applied(agent_client, suggested):
    Category.objects.filter(slug="billing").update(is_active=False)

    response = apply(agent_client, suggested, "category")

    assert response.status_code == 422
    assert "The suggested category &#x27;billing&#x27; no longer exists" in response.text
    assert page(agent_client, suggested).context["triage"].predictions[0].can_apply is False


def test_customers_and_other_teams_cannot_apply(client_as, other_agent, suggested):
    customer = apply(client_as("customer"), suggested, "category")
    client_as("anonymous").logout()
    client = client_as("anonymous")
    client.force_login(other_agent)
    other = apply(client, suggested, "category")

    suggested.refresh_from_db()
    assert customer.status_code == 302
    assert other.status_code == 404
    assert suggested.category is None


def test_customers_never_see_the_triage_reading(client_as, customer, suggested):
    add_message(suggested, actor=Actor.of_customer(customer), body=HEATED)

    response = client_as("customer").get(reverse("web:portal_ticket", args=[suggested.pk]))

    assert response.status_code == 200
    assert "triage" not in response.text.lower()
    assert "frustrat" not in response.text.lower()
    assert DEESCALATION_HINT not in response.text
    assert "legal threat" not in response.text
    assert "applied the" not in response.text
