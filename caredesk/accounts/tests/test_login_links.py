import re
from datetime import UTC, datetime, timedelta

from django.core import mail

from caredesk.accounts.models import LoginLink
from caredesk.accounts.services.login_links import (
    LINK_LIFETIME,
    redeem_login_link,
    send_login_link,
)
from caredesk.core import clock

MOMENT = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)


def sent_secret(django_capture_on_commit_callbacks, email):
    with django_capture_on_commit_callbacks(execute=True):
        send_login_link(email)
    return re.search(r"/([\w-]{30,})/?\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)


def test_link_is_mailed_and_only_its_hash_is_stored(customer, django_capture_on_commit_callbacks):
    with clock.pinned(MOMENT):
        secret = sent_secret(django_capture_on_commit_callbacks, " CUSTOMER@example.com ")

    link = LoginLink.objects.get()
    assert (link.user, link.expires_at, link.used_at) == (
        customer.user,
        MOMENT + LINK_LIFETIME,
        None,
    )
    assert secret not in link.token_hash
    assert (mail.outbox[0].to, mail.outbox[0].subject) == (
        ["customer@example.com"],
        "Your sign-in link",
    )


def test_link_works_once(customer, django_capture_on_commit_callbacks):
    secret = sent_secret(django_capture_on_commit_callbacks, "customer@example.com")

    first = redeem_login_link(secret)
    second = redeem_login_link(secret)

    assert (first, second) == (customer.user, None)


def test_expired_link_fails(customer, django_capture_on_commit_callbacks):
    with clock.pinned(MOMENT):
        secret = sent_secret(django_capture_on_commit_callbacks, "customer@example.com")

    with clock.pinned(MOMENT + LINK_LIFETIME + timedelta(seconds=1)):
        assert redeem_login_link(secret) is None
    assert LoginLink.objects.get().used_at is None


def test_link_just_before_expiry_works(customer, django_capture_on_commit_callbacks):
    with clock.pinned(MOMENT):
        secret = sent_secret(django_capture_on_commit_callbacks, "customer@example.com")

    with clock.pinned(MOMENT + LINK_LIFETIME - timedelta(seconds=1)):
        assert redeem_login_link(secret) == customer.user


def test_link_of_a_deactivated_user_fails(
    customer, customer_user, django_capture_on_commit_callbacks
):
    secret = sent_secret(django_capture_on_commit_callbacks, "customer@example.com")
    customer_user.is_active = False
    customer_user.save()

    assert redeem_login_link(secret) is None


def test_unknown_or_staff_addresses_get_no_mail(agent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_login_link("nobody@example.com")
        send_login_link("agent@example.com")

    assert (len(mail.outbox), LoginLink.objects.count()) == (0, 0)


def test_a_made_up_secret_fails(customer):
    assert redeem_login_link("made-up") is None
