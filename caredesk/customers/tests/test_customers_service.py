import pytest

from caredesk.core.errors import Conflict, ValidationFailed
from caredesk.customers.models import Customer, CustomerIdentity
from caredesk.customers.services.customers import (
    add_customer_email,
    create_customer,
    enable_portal_access,
    resolve_customer_by_email,
    update_customer,
)
from caredesk.customers.services.organisations import create_organisation


def test_first_contact_creates_the_customer_with_an_email_identity(db):
    customer = resolve_customer_by_email("  New.Person@Example.COM ", name="New Person")

    assert (customer.name, customer.email, customer.organisation) == (
        "New Person",
        "new.person@example.com",
        None,
    )
    assert list(customer.identities.values_list("kind", "value")) == [
        ("email", "new.person@example.com")
    ]


def test_resolving_again_returns_the_same_customer(db):
    first = resolve_customer_by_email("a@example.com", name="A")

    again = resolve_customer_by_email("A@EXAMPLE.com", name="Someone else")

    assert again.pk == first.pk
    assert (Customer.objects.count(), again.name) == (1, "A")


def test_a_secondary_address_resolves_to_its_owner(customer):
    add_customer_email(customer, email="Cora.Private@example.net")

    assert resolve_customer_by_email("cora.private@example.net").pk == customer.pk


def test_without_a_name_the_address_is_the_name(db):
    assert resolve_customer_by_email("x@example.com").name == "x@example.com"


def test_new_customer_joins_the_organisation_of_their_domain(db):
    acme = create_organisation(name="Acme Corp", domains=["acme.example"])

    customer = resolve_customer_by_email("bob@acme.example", name="Bob")

    assert customer.organisation == acme


@pytest.mark.parametrize("email", ["", "   ", "no-at-sign"])
def test_invalid_address_is_refused(db, email):
    with pytest.raises(ValidationFailed) as error:
        resolve_customer_by_email(email)

    assert error.value.field == "requester.email"
    assert Customer.objects.count() == 0


def test_create_refuses_a_taken_address(customer):
    with pytest.raises(Conflict) as error:
        create_customer(name="Copy", email="Customer@Example.com")

    assert error.value.field == "email"
    assert Customer.objects.count() == 1


def test_update_changes_the_editable_fields(customer, organisation):
    update_customer(
        customer,
        changes={
            "name": "Cora C.",
            "preferred_name": "CC",
            "phone": "+4930123",
            "language": "de",
            "timezone": "Europe/Berlin",
            "organisation": None,
            "tags": ["vip", "b2b", "vip"],
            "notes": "Prefers email",
            "is_vip": True,
        },
    )

    customer.refresh_from_db()
    assert (customer.name, customer.preferred_name, customer.phone, customer.language) == (
        "Cora C.",
        "CC",
        "+4930123",
        "de",
    )
    assert (customer.timezone, customer.organisation, customer.tags, customer.notes) == (
        "Europe/Berlin",
        None,
        ["b2b", "vip"],
        "Prefers email",
    )
    assert customer.is_vip is True


@pytest.mark.parametrize("field", ["email", "user", "id", "created_at"])
def test_update_refuses_other_fields(customer, field):
    with pytest.raises(ValidationFailed) as error:
        update_customer(customer, changes={field: None, "name": "Changed"})

    assert error.value.field == field
    customer.refresh_from_db()
    assert (customer.name, customer.email) == ("Cora Customer", "customer@example.com")


def test_an_address_of_another_customer_cannot_be_added(customer, other_customer):
    with pytest.raises(Conflict) as error:
        add_customer_email(customer, email="someone@example.org")

    assert error.value.field == "email"
    assert CustomerIdentity.objects.get(value="someone@example.org").customer == other_customer


def test_portal_access_creates_a_customer_login(db):
    customer = create_customer(name="Pat", email="pat@example.com")

    user = enable_portal_access(customer, password="s3cret-pass")

    customer.refresh_from_db()
    assert (customer.user, user.role, user.email) == (user, "customer", "pat@example.com")
    assert user.check_password("s3cret-pass")


def test_portal_access_needs_an_address(db):
    customer = create_customer(name="Anonymous")

    with pytest.raises(ValidationFailed) as error:
        enable_portal_access(customer)

    assert error.value.field == "email"
