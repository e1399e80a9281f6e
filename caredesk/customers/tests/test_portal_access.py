import logging
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caredesk.accounts.choices import Role
from caredesk.accounts.models import LoginLink, User
from caredesk.accounts.tests.factories import UserFactory
from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from caredesk.customers.models import CustomerIdentity
from caredesk.customers.services.portal_access import (
    invite_customer,
    redeem_portal_link,
    send_portal_link,
)
from caredesk.customers.tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db):
    """Nia wrote in by email: a customer record with an address, and no login."""
    return CustomerFactory(
        name="Nia Newcomer", preferred_name="Nia", email="nia@example.com", language="de"
    )


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """``send(email)`` asks for a link, runs the after-commit mail, and returns the secret mailed
    (or None when no mail left)."""

    def request_link(email):
        sent_before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            send_portal_link(email)
        if len(mail.outbox) == sent_before:
            return None
        return re.search(r"/login/link/([^/]+)/", mail.outbox[-1].body).group(1)

    return request_link


def test_a_customer_without_login_gets_a_link_and_no_login_yet(newcomer, send):
    secret = send(" NIA@Example.com ")

    assert secret is not None
    assert (mail.outbox[0].to, mail.outbox[0].body.splitlines()[0]) == (
        ["nia@example.com"],
        "Hello Nia,",
    )
    link = LoginLink.objects.get()
    assert (link.user, link.email, link.invited_by) == (None, "nia@example.com", None)
    assert not User.objects.filter(email="nia@example.com").exists()


def test_every_email_identity_of_the_customer_gets_the_link(newcomer, send):
    CustomerIdentity.objects.create(customer=newcomer, kind="email", value="nia@work.example")

    send("nia@work.example")

    assert mail.outbox[0].to == ["nia@work.example"]
    assert LoginLink.objects.get().email == "nia@work.example"


def test_first_use_makes_the_customer_login(newcomer, send):
    secret = send("nia@example.com")

    user = redeem_portal_link(secret)

    newcomer.refresh_from_db()
    assert newcomer.user == user
    assert (user.email, user.name, user.role, user.language, user.is_active) == (
        "nia@example.com",
        "Nia Newcomer",
        Role.CUSTOMER,
        "de",
        True,
    )
    assert not user.has_usable_password()


def test_a_used_link_is_refused_and_makes_no_second_login(newcomer, send):
    secret = send("nia@example.com")
    first = redeem_portal_link(secret)

    second = redeem_portal_link(secret)

    assert (first.email, second) == ("nia@example.com", None)
    assert User.objects.filter(role=Role.CUSTOMER).count() == 1


def test_two_first_links_sign_in_the_same_login(newcomer, send):
    first_secret, second_secret = send("nia@example.com"), send("nia@example.com")

    first, second = redeem_portal_link(first_secret), redeem_portal_link(second_secret)

    assert first == second == User.objects.get(email="nia@example.com")


def test_an_identity_address_becomes_the_login_of_a_customer_without_one(newcomer, send):
    CustomerIdentity.objects.create(customer=newcomer, kind="email", value="nia@work.example")
    secret = send("nia@work.example")

    user = redeem_portal_link(secret)

    assert (user.email, user.customer_profile) == ("nia@work.example", newcomer)


def test_a_customer_with_a_login_gets_a_link_to_it_from_any_of_their_addresses(customer, send):
    CustomerIdentity.objects.create(customer=customer, kind="email", value="cora@home.example")
    secret = send("cora@home.example")

    user = redeem_portal_link(secret)

    assert (mail.outbox[0].to, user) == (["cora@home.example"], customer.user)
    assert User.objects.filter(role=Role.CUSTOMER).count() == 1


def test_unknown_addresses_write_nothing_and_read_as_much_as_known_ones(newcomer):
    with CaptureQueriesContext(connection) as known:
        send_portal_link("nia@example.com")
    with CaptureQueriesContext(connection) as unknown:
        send_portal_link("nobody@example.com")

    known_reads = [query for query in known if query["sql"].startswith("SELECT")]
    unknown_reads = [query for query in unknown if query["sql"].startswith("SELECT")]
    assert len(known_reads) == len(unknown_reads) == len(unknown.captured_queries) == 3
    assert list(LoginLink.objects.values_list("email", flat=True)) == ["nia@example.com"]


def test_staff_addresses_get_no_link_even_when_a_customer_record_has_them(agent, send):
    CustomerFactory(name="Ana at home", email="agent@example.com")

    assert send("agent@example.com") is None
    assert (len(mail.outbox), LoginLink.objects.count()) == (0, 0)


def test_a_deactivated_customer_login_gets_no_link(customer, customer_user, send):
    customer_user.is_active = False
    customer_user.save()

    assert send("customer@example.com") is None
    assert LoginLink.objects.count() == 0


def test_a_link_stops_working_when_its_login_is_deactivated(customer, customer_user, send):
    secret = send("customer@example.com")
    customer_user.is_active = False
    customer_user.save()

    assert redeem_portal_link(secret) is None


def test_a_first_link_fails_when_staff_took_the_address_meanwhile(newcomer, send):
    secret = send("nia@example.com")
    UserFactory(email="nia@example.com", role=Role.AGENT)

    assert redeem_portal_link(secret) is None
    newcomer.refresh_from_db()
    assert newcomer.user is None


def test_a_first_link_fails_when_the_address_left_the_customer(newcomer, send):
    secret = send("nia@example.com")
    CustomerIdentity.objects.filter(value="nia@example.com").delete()
    newcomer.email = ""
    newcomer.save()

    assert redeem_portal_link(secret) is None
    assert not User.objects.filter(email="nia@example.com").exists()


def test_admin_invites_a_customer_without_login(
    newcomer, admin_user, django_capture_on_commit_callbacks, caplog
):
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        link = invite_customer(newcomer, actor=admin_user)

    assert (link.user, link.email, link.invited_by) == (None, "nia@example.com", admin_user)
    assert mail.outbox[0].to == ["nia@example.com"]
    [record] = [record for record in caplog.records if record.message == "customer_invited"]
    assert (record.actor_id, record.customer_id, record.login_link_id) == (
        admin_user.pk,
        newcomer.pk,
        link.pk,
    )


def test_an_invitation_goes_to_the_first_email_identity_without_a_primary_email(
    supervisor, django_capture_on_commit_callbacks
):
    customer = CustomerFactory(name="Omar", email="")
    CustomerIdentity.objects.create(customer=customer, kind="email", value="omar@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        link = invite_customer(customer, actor=supervisor)

    assert (link.email, mail.outbox[0].to) == ("omar@example.com", ["omar@example.com"])


def test_an_invited_customer_with_a_login_gets_a_link_to_it(
    customer, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        link = invite_customer(customer, actor=admin_user)

    assert (link.user, link.email) == (customer.user, "customer@example.com")


@pytest.mark.parametrize(
    ("make_customer", "error", "field"),
    [
        (lambda: CustomerFactory(name="No Mail", email=""), ValidationFailed, "email"),
        (lambda: CustomerFactory(name="Ana", email="agent@example.com"), Conflict, "email"),
    ],
)
def test_an_invitation_that_cannot_work_is_refused(
    admin_user, agent, django_capture_on_commit_callbacks, make_customer, error, field
):
    customer = make_customer()

    with pytest.raises(error) as refusal, django_capture_on_commit_callbacks(execute=True):
        invite_customer(customer, actor=admin_user)

    assert refusal.value.field == field
    assert (LoginLink.objects.count(), len(mail.outbox)) == (0, 0)


def test_a_deactivated_login_is_not_invited(customer, customer_user, admin_user):
    customer_user.is_active = False
    customer_user.save()

    with pytest.raises(Conflict) as refusal:
        invite_customer(customer, actor=admin_user)

    assert refusal.value.field == "user"
    assert LoginLink.objects.count() == 0


@pytest.mark.parametrize("who", ["agent", "customer_user"])
def test_only_supervisors_and_admins_invite(newcomer, request, who):
    actor = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        invite_customer(newcomer, actor=actor)

    assert (LoginLink.objects.count(), len(mail.outbox)) == (0, 0)
