import pytest

from caredesk.core.errors import PermissionDenied, ValidationFailed
from caredesk.customers.models import Customer, CustomerIdentity
from caredesk.customers.selectors import customers_visible_to
from caredesk.customers.services.identities import add_identity, resolve_customer_by_identity
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Message, Ticket
from caredesk.tickets.services.customer_merge import merge_customers
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.tests.factories import make_ticket


@pytest.fixture
def caller(db):
    """Cora again, first met on the phone, so a second record."""
    return resolve_customer_by_identity("phone", "+491701234567", name="Caller")


@pytest.fixture
def phone_ticket(caller, team):
    return make_ticket(caller, subject="Call", body="Missed call", channel="phone", team=team)


def test_merge_moves_identities_tickets_and_authorship(
    customer, caller, phone_ticket, ticket, agent
):
    reply = add_message(phone_ticket, actor=Actor.of_customer(caller), body="Me again")

    result = merge_customers(caller, into=customer, actor=Actor.of_user(agent))

    assert (result.customer, result.tickets_moved, result.identities_moved) == (customer, 1, 1)
    caller.refresh_from_db()
    assert caller.merged_into == customer
    assert sorted(customer.identities.values_list("kind", "value")) == [
        ("email", "customer@example.com"),
        ("phone", "+491701234567"),
    ]
    assert set(Ticket.objects.filter(requester=customer)) == {ticket, phone_ticket}
    reply.refresh_from_db()
    assert reply.author_customer == customer
    assert Message.objects.filter(author_customer=caller).count() == 0
    assert resolve_customer_by_identity("phone", "0049 170 1234567").pk == customer.pk


def test_each_moved_ticket_records_the_merge(customer, caller, phone_ticket, agent):
    version = phone_ticket.version

    merge_customers(caller, into=customer, actor=Actor.of_user(agent))

    event = phone_ticket.events.get(kind="customer.merged")
    assert (event.actor_user, event.channel) == (agent, "internal")
    assert event.data == {
        "from_customer_id": caller.pk,
        "from_customer_name": "Caller",
        "to_customer_id": customer.pk,
        "to_customer_name": "Cora Customer",
    }
    phone_ticket.refresh_from_db()
    assert phone_ticket.version == version + 1


def test_the_portal_login_moves_when_the_survivor_has_none(customer, customer_user, caller, agent):
    result = merge_customers(customer, into=caller, actor=Actor.of_user(agent))

    caller.refresh_from_db()
    customer.refresh_from_db()
    assert (result.portal_user_moved, caller.user, customer.user) == (True, customer_user, None)
    assert caller.email == "customer@example.com"


def test_the_survivors_own_login_is_kept(customer, customer_user, other_customer, agent):
    result = merge_customers(other_customer, into=customer, actor=Actor.of_user(agent))

    customer.refresh_from_db()
    assert (result.portal_user_moved, customer.user) == (False, customer_user)


def test_a_customer_cannot_be_merged_into_itself(customer, agent):
    with pytest.raises(ValidationFailed) as error:
        merge_customers(customer, into=customer, actor=Actor.of_user(agent))

    assert error.value.field == "source_id"


def test_a_merged_customer_cannot_be_merged_again(customer, caller, other_customer, agent):
    merge_customers(caller, into=customer, actor=Actor.of_user(agent))

    with pytest.raises(ValidationFailed) as error:
        merge_customers(caller, into=other_customer, actor=Actor.of_user(agent))

    assert error.value.field == "source_id"
    assert CustomerIdentity.objects.get(kind="phone").customer == customer


def test_only_the_team_may_merge(customer, customer_user, caller, phone_ticket):
    with pytest.raises(PermissionDenied):
        merge_customers(caller, into=customer, actor=Actor.of_user(customer_user))

    caller.refresh_from_db()
    assert (caller.merged_into, phone_ticket.requester) == (None, caller)
    assert CustomerIdentity.objects.get(kind="phone").customer == caller


def test_a_merged_customer_leaves_the_directory(customer, caller, agent):
    add_identity(caller, kind="external", value="whatsapp:+491701234567")

    merge_customers(caller, into=customer, actor=Actor.of_user(agent))

    assert caller not in customers_visible_to(agent)
    assert Customer.objects.filter(pk=caller.pk).exists()
