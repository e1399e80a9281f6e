import pytest
from django.urls import reverse

from caredesk.tickets.choices import CustomFieldType, Priority, TicketStatus
from caredesk.tickets.models import Category, CustomFieldDefinition

pytestmark = pytest.mark.django_db


def fields_url(ticket):
    return reverse("web:ticket_fields", args=[ticket.pk])


def form_data(ticket, **changes):
    data = {
        "version": ticket.version,
        "status": ticket.status,
        "priority": ticket.priority,
        "assignee": ticket.assignee_id or "",
        "team": ticket.team_id or "",
        "category": ticket.category_id or "",
        "tags": "",
    }
    return {**data, **changes}


def test_changing_priority_is_saved_and_told_on_the_timeline(agent_client, ticket):
    response = agent_client.post(fields_url(ticket), form_data(ticket, priority=Priority.HIGH))
    page = agent_client.get(reverse("web:ticket", args=[ticket.pk]))

    ticket.refresh_from_db()
    assert response.status_code == 302
    assert ticket.priority == Priority.HIGH
    assert "Ana Agent changed priority from normal to high" in page.text


def test_assignee_team_category_and_tags_are_saved(agent_client, agent, ticket):
    category = Category.objects.create(slug="orders", name="Orders")

    agent_client.post(
        fields_url(ticket),
        form_data(
            ticket, status="open", assignee=agent.pk, category=category.pk, tags="late, Courier"
        ),
    )

    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.OPEN
    assert ticket.assignee == agent
    assert ticket.category == category
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["courier", "late"]


def test_custom_fields_are_typed_and_validated(agent_client, ticket):
    CustomFieldDefinition.objects.create(
        key="order", label="Order number", field_type=CustomFieldType.NUMBER
    )

    saved = agent_client.post(fields_url(ticket), form_data(ticket, cf_order="1042"))
    ticket.refresh_from_db()
    refused = agent_client.post(fields_url(ticket), form_data(ticket, cf_order="many"))

    assert saved.status_code == 302
    assert ticket.custom_fields == {"order": 1042}
    assert refused.status_code == 422
    assert "Order number: Enter a number." in refused.text


def test_stale_version_shows_a_clear_message_and_the_latest_values(agent_client, ticket):
    stale = form_data(ticket)
    agent_client.post(fields_url(ticket), form_data(ticket, priority=Priority.HIGH))

    response = agent_client.post(fields_url(ticket), {**stale, "priority": Priority.LOW})

    ticket.refresh_from_db()
    assert response.status_code == 412
    assert "Someone else changed this ticket while you were editing it." in response.text
    assert ticket.priority == Priority.HIGH
    assert response.context["fields_form"].initial["version"] == ticket.version


def test_invalid_tag_names_the_tags_field(agent_client, ticket):
    response = agent_client.post(fields_url(ticket), form_data(ticket, tags="no/slash"))

    assert response.status_code == 422
    assert "Tags: Tag &#x27;no/slash&#x27; may hold only" in response.text


def test_forbidden_transition_names_the_status_field(agent_client, ticket):
    response = agent_client.post(fields_url(ticket), form_data(ticket, status="closed"))

    assert response.status_code == 422
    assert "Status: A ticket cannot go from new to closed." in response.text


def test_missing_version_is_a_form_error(agent_client, ticket):
    response = agent_client.post(fields_url(ticket), form_data(ticket, version=""))

    assert response.status_code == 422
    assert "This field is required." in response.text


def test_htmx_update_returns_the_sidebar_with_out_of_band_timeline(agent_client, ticket):
    response = agent_client.post(
        fields_url(ticket),
        form_data(ticket, priority=Priority.URGENT),
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert response.text.startswith('<form id="ticket-fields"')
    assert "Saved." in response.text
    assert (
        'id="timeline" class="timeline" aria-labelledby="timeline-heading" hx-swap-oob="true"'
        in response.text
    )


def test_other_teams_ticket_cannot_be_edited(agent_client, other_ticket):
    response = agent_client.post(fields_url(other_ticket), form_data(other_ticket, priority=4))

    other_ticket.refresh_from_db()
    assert response.status_code == 404
    assert other_ticket.priority == Priority.NORMAL
