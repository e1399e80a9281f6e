import pytest
from django.urls import reverse

from caredesk.automation.macros.services.config import MacroSpec, create_macro
from caredesk.automation.models import Macro
from caredesk.tickets.models import Message, TicketEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def info_macro(admin_user, team):
    return create_macro(
        MacroSpec(
            name="Need more information",
            team=team,
            translations=[
                ("en", "Hi {{customer.preferred_name}}, could you send a photo of the parcel?"),
                ("es", "Hola {{customer.preferred_name}}, ¿nos envías una foto?"),
            ],
            set_status="pending",
            add_tags=["needs-info"],
        ),
        actor=admin_user,
    )


def preview_url(ticket):
    return reverse("web:ticket_macro_preview", args=[ticket.pk])


def reply_url(ticket):
    return reverse("web:ticket_reply", args=[ticket.pk])


def written(ticket):
    return (
        Message.objects.filter(ticket=ticket).count(),
        TicketEvent.objects.filter(ticket=ticket).count(),
        list(Macro.objects.values_list("usage_count", flat=True)),
    )


def test_the_reply_box_offers_the_tickets_macros(agent_client, ticket, info_macro):
    response = agent_client.get(reverse("web:ticket", args=[ticket.pk]))

    assert response.status_code == 200
    assert f'<option value="{info_macro.pk}">Need more information</option>' in response.text
    assert f'hx-post="{preview_url(ticket)}"' in response.text


def test_no_picker_without_macros(agent_client, ticket):
    response = agent_client.get(reverse("web:ticket", args=[ticket.pk]))

    assert 'name="macro"' not in response.text


def test_choosing_a_macro_fills_the_reply_and_writes_nothing(agent_client, ticket, info_macro):
    before = written(ticket)

    response = agent_client.post(
        preview_url(ticket), {"macro": info_macro.pk, "body": ""}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<form id="reply-form"')
    assert "Hi Cora, could you send a photo of the parcel?</textarea>" in response.text
    assert f'<option value="{info_macro.pk}" selected>' in response.text
    assert "<li>Set status to Pending</li>" in response.text
    assert written(ticket) == before


def test_the_preview_escapes_what_the_customer_wrote(agent_client, customer, ticket, info_macro):
    customer.preferred_name = "<script>alert(1)</script>"
    customer.save()

    response = agent_client.post(
        preview_url(ticket), {"macro": info_macro.pk}, HTTP_HX_REQUEST="true"
    )

    assert "<script>alert(1)" not in response.text
    assert "Hi &lt;script&gt;alert(1)&lt;/script&gt;, could you" in response.text


def test_no_macro_keeps_what_was_typed(agent_client, ticket, info_macro):
    response = agent_client.post(
        preview_url(ticket), {"macro": "", "body": "My own words"}, HTTP_HX_REQUEST="true"
    )

    assert "My own words</textarea>" in response.text


def test_preview_without_htmx_renders_the_page(agent_client, ticket, info_macro):
    response = agent_client.post(preview_url(ticket), {"macro": info_macro.pk})

    assert response.status_code == 200
    assert "<title>" in response.text
    assert "Hi Cora, could you send a photo" in response.text


def test_a_macro_out_of_reach_is_refused_on_the_field(agent_client, ticket, admin_user, other_team):
    hidden = create_macro(
        MacroSpec(name="Billing only", team=other_team, translations=[("en", "x")]),
        actor=admin_user,
    )

    response = agent_client.post(preview_url(ticket), {"macro": hidden.pk}, HTTP_HX_REQUEST="true")

    assert response.status_code == 404
    assert "Macro not found." in response.text


def test_sending_with_a_macro_applies_it_with_the_agents_edit(agent_client, ticket, info_macro):
    response = agent_client.post(
        reply_url(ticket),
        {"macro": info_macro.pk, "body": "Hi Cora, a photo please.", "visibility": "public"},
    )

    ticket.refresh_from_db()
    assert response.status_code == 302
    assert ticket.status == "pending"
    assert list(ticket.tags.values_list("name", flat=True)) == ["needs-info"]
    assert ticket.messages.filter(body_text="Hi Cora, a photo please.", is_public=True).exists()
    assert TicketEvent.objects.filter(ticket=ticket, kind="macro.applied").count() == 1
    info_macro.refresh_from_db()
    assert info_macro.usage_count == 1


def test_the_timeline_names_the_macro(agent_client, ticket, info_macro):
    agent_client.post(reply_url(ticket), {"macro": info_macro.pk, "visibility": "public"})

    page = agent_client.get(reverse("web:ticket", args=[ticket.pk]))

    assert "Ana Agent applied the macro &#x27;Need more information&#x27;" in page.text
    assert ticket.messages.filter(body_text__startswith="Hi Cora, could you send").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"visibility": "internal"}, "A macro sends a public reply"),
        ({"visibility": "public", "status": "solved"}, "The macro sets the status"),
    ],
)
def test_a_macro_with_conflicting_choices_is_refused(
    agent_client, ticket, info_macro, extra, message
):
    before = written(ticket)

    response = agent_client.post(
        reply_url(ticket), {"macro": info_macro.pk, "body": "Hi", **extra}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 422
    assert message in response.text
    assert written(ticket) == before


def test_customers_cannot_preview(customer_client, ticket, info_macro):
    before = written(ticket)

    response = customer_client.post(preview_url(ticket), {"macro": info_macro.pk})

    assert response.status_code == 302
    assert response["Location"] == reverse("web:portal")
    assert written(ticket) == before


def test_the_sent_reply_shows_the_customers_name_escaped(
    agent_client, customer, ticket, info_macro
):
    customer.preferred_name = "<b>Cora</b>"
    customer.save()

    agent_client.post(reply_url(ticket), {"macro": info_macro.pk, "visibility": "public"})
    page = agent_client.get(reverse("web:ticket", args=[ticket.pk]))

    assert ticket.messages.filter(body_text__startswith="Hi <b>Cora</b>, could you").exists()
    assert "Hi &lt;b&gt;Cora&lt;/b&gt;, could you" in page.text
    assert "<b>Cora</b>" not in page.text
