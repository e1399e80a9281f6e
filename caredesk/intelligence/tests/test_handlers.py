from caredesk.intelligence.models import Insight
from caredesk.intelligence.selectors import deescalation_hint
from caredesk.intelligence.sentiment import DEESCALATION_HINT
from caredesk.tickets.actors import Actor
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.tests.factories import make_ticket


def test_the_opening_message_sets_the_ticket_and_customer_language(customer):
    ticket = make_ticket(
        customer, subject="Bestellung", body="Meine Bestellung ist noch nicht angekommen."
    )

    ticket.refresh_from_db()
    customer.refresh_from_db()
    assert (ticket.language, customer.language) == ("de", "de")
    assert Insight.objects.get(ticket=ticket).language == "de"


def test_a_customer_reply_in_another_language_is_kept(customer):
    ticket = make_ticket(customer, subject="Order", body="My order has not arrived yet.")

    add_message(
        ticket,
        actor=Actor.of_customer(customer),
        body="Todavía no he recibido mi pedido, ¿pueden ayudarme?",
        channel="email",
    )

    ticket.refresh_from_db()
    customer.refresh_from_db()
    assert (ticket.language, customer.language) == ("es", "es")
    assert list(Insight.objects.filter(ticket=ticket).values_list("language", flat=True)) == [
        "en",
        "es",
    ]


def test_a_language_someone_chose_changes_only_after_two_messages_agree(customer):
    customer.language = "fr"
    customer.save()
    ticket = make_ticket(customer, subject="Order", body="My order has not arrived yet.")
    ticket.refresh_from_db()
    customer.refresh_from_db()
    assert (ticket.language, customer.language) == ("en", "fr")

    add_message(
        ticket,
        actor=Actor.of_customer(customer),
        body="Any news? I am still waiting for the parcel.",
        channel="email",
    )

    customer.refresh_from_db()
    assert customer.language == "en"


def test_agent_replies_are_not_read(customer, agent):
    ticket = make_ticket(customer, subject="Order", body="My order has not arrived yet.")

    add_message(ticket, actor=Actor.of_user(agent), body="Lo siento mucho, lo miramos ahora.")

    ticket.refresh_from_db()
    assert ticket.language == "en"
    assert Insight.objects.filter(ticket=ticket).count() == 1


def test_a_heated_message_raises_priority_and_shows_the_hint(customer):
    ticket = make_ticket(customer, subject="Order", body="Where is my order?")
    assert deescalation_hint(ticket) is None

    add_message(
        ticket,
        actor=Actor.of_customer(customer),
        body="THIS IS THE THIRD TIME I ASK!! Cancel everything, my lawyer will hear about this.",
        channel="email",
    )

    ticket.refresh_from_db()
    assert ticket.priority_name == "high"
    assert deescalation_hint(ticket) == DEESCALATION_HINT
    event = ticket.events.get(kind="intelligence.frustration")
    assert event.data["reasons"] == [
        "negative tone",
        "capitals",
        "exclamation marks",
        "legal threat",
        "cancel",
        "repeated problem",
    ]
