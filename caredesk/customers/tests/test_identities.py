import pytest
from django.db import IntegrityError

from caredesk.core.errors import Conflict, ValidationFailed
from caredesk.customers.models import Customer, CustomerIdentity
from caredesk.customers.services import identities
from caredesk.customers.services.customers import create_customer
from caredesk.customers.services.identities import (
    add_identity,
    normalise_identity,
    resolve_customer_by_identity,
)


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("+49 170 1234567", "+491701234567"),
        ("0049 (170) 123-4567", "+491701234567"),
        ("+1.415.555.0100", "+14155550100"),
        ("4915112345", "+4915112345"),
        (" +44/20 7946 0958 ", "+442079460958"),
    ],
)
def test_phones_are_normalised_to_digits_after_a_plus(raw, normalised):
    assert normalise_identity("phone", raw) == normalised


@pytest.mark.parametrize("raw", ["", "anonymous", "12345", "+1234567890123456", "+49 170 ABC"])
def test_what_is_not_a_phone_number_is_refused(raw):
    with pytest.raises(ValidationFailed) as error:
        normalise_identity("phone", raw)

    assert error.value.field == "phone"


def test_emails_are_lowercased():
    assert normalise_identity("email", "  Cora@Example.NET ") == "cora@example.net"


@pytest.mark.parametrize(
    ("kind", "raw", "field"),
    [
        ("email", "no-at-sign", "email"),
        ("external", "no-prefix", "external_id"),
        ("external", "whatsapp:", "external_id"),
        ("external", ":123", "external_id"),
        ("fax", "123", "kind"),
    ],
)
def test_bad_identities_name_the_field(kind, raw, field):
    with pytest.raises(ValidationFailed) as error:
        normalise_identity(kind, raw)

    assert error.value.field == field


def test_first_contact_by_phone_creates_the_customer(db):
    customer = resolve_customer_by_identity("phone", "+49 170 1234567", name="Pia")

    assert (customer.name, customer.phone) == ("Pia", "+491701234567")
    assert list(customer.identities.values_list("kind", "value")) == [("phone", "+491701234567")]


def test_without_a_name_the_identity_is_the_name(db):
    customer = resolve_customer_by_identity("external", "telegram:42")

    assert (customer.name, customer.phone) == ("telegram:42", "")


def test_every_spelling_resolves_to_the_same_customer(db):
    first = resolve_customer_by_identity("phone", "+49 170 1234567")

    again = resolve_customer_by_identity("phone", "0049 1701234567", name="Other")

    assert again.pk == first.pk
    assert Customer.objects.count() == 1


def test_email_identities_resolve_like_inbound_email(customer):
    assert resolve_customer_by_identity("email", "CUSTOMER@example.com").pk == customer.pk


def test_the_loser_of_a_first_contact_race_gets_the_winners_customer(db, monkeypatch):
    winner = Customer.objects.create(name="Winner")
    CustomerIdentity.objects.create(customer=winner, kind="phone", value="+491701234567")
    lookups = iter([None])
    real_find = identities._find
    # The loser looked before the winner's identity was committed.
    monkeypatch.setattr(
        identities, "_find", lambda kind, value: next(lookups, real_find(kind, value))
    )

    found = resolve_customer_by_identity("phone", "+491701234567", name="Loser")

    assert found.pk == winner.pk
    assert list(Customer.objects.values_list("name", flat=True)) == ["Winner"]


def test_a_race_lost_to_nobody_is_not_hidden(db, monkeypatch):
    monkeypatch.setattr(identities, "_find", lambda kind, value: None)
    monkeypatch.setattr(
        CustomerIdentity.objects,
        "create",
        lambda **fields: (_ for _ in ()).throw(IntegrityError("boom")),
    )

    with pytest.raises(IntegrityError):
        resolve_customer_by_identity("phone", "+491701234567")


def test_add_identity_normalises_and_is_idempotent(customer):
    first = add_identity(customer, kind="phone", value="+49 170 1234567")

    again = add_identity(customer, kind="phone", value="0049 170 1234567")

    assert (first.pk, first.value) == (again.pk, "+491701234567")


def test_an_identity_of_another_customer_is_refused(customer, other_customer):
    add_identity(other_customer, kind="external", value="whatsapp:+4917")

    with pytest.raises(Conflict) as error:
        add_identity(customer, kind="external", value="whatsapp:+4917")

    assert error.value.field == "external"
    assert CustomerIdentity.objects.get(value="whatsapp:+4917").customer == other_customer


def test_a_new_customers_phone_is_an_identity_in_the_normal_form(db):
    customer = create_customer(name="Pia", phone="+49 (170) 1234567")

    assert resolve_customer_by_identity("phone", "+491701234567").pk == customer.pk


def test_a_phone_field_that_is_not_a_number_makes_no_identity(db):
    customer = create_customer(name="Pia", phone="ask reception")

    assert (customer.phone, customer.identities.count()) == ("ask reception", 0)
