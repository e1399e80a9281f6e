import re
from datetime import UTC, datetime, timedelta

from django.core import mail

from caredesk.accounts.models import LoginLink
from caredesk.accounts.services.login_links import (
    LINK_LIFETIME,
    issue_login_link,
    spend_login_link,
)
from caredesk.core import clock

MOMENT = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)


def issued_secret(django_capture_on_commit_callbacks, user, email="customer@example.com"):
    with django_capture_on_commit_callbacks(execute=True):
        issue_login_link(email=email, name="Cora", user=user)
    return re.search(r"/([\w-]{30,})/?\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)


def test_link_is_mailed_and_only_its_hash_is_stored(
    customer_user, django_capture_on_commit_callbacks
):
    with clock.pinned(MOMENT):
        secret = issued_secret(django_capture_on_commit_callbacks, customer_user)

    link = LoginLink.objects.get()
    assert (link.user, link.email, link.invited_by, link.expires_at, link.used_at) == (
        customer_user,
        "customer@example.com",
        None,
        MOMENT + LINK_LIFETIME,
        None,
    )
    assert secret not in link.token_hash
    assert (mail.outbox[0].to, mail.outbox[0].subject) == (
        ["customer@example.com"],
        "Your sign-in link",
    )
    assert mail.outbox[0].body.startswith("Hello Cora,\n")
    assert "valid for 30 minutes, once" in mail.outbox[0].body


def test_no_mail_leaves_before_the_commit(customer_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        issue_login_link(email="customer@example.com", name="Cora", user=customer_user)

    assert (len(callbacks), len(mail.outbox)) == (1, 0)


def test_a_failing_mail_server_is_logged_not_raised(
    customer_user, django_capture_on_commit_callbacks, settings, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9

    with django_capture_on_commit_callbacks(execute=True):
        issue_login_link(email="customer@example.com", name="Cora", user=customer_user)

    assert [record.message for record in caplog.records] == ["login_link_email_failed"]
    assert LoginLink.objects.count() == 1


def test_link_is_spent_once(customer_user, django_capture_on_commit_callbacks):
    secret = issued_secret(django_capture_on_commit_callbacks, customer_user)

    first = spend_login_link(secret)
    second = spend_login_link(secret)

    assert (first.user, second) == (customer_user, None)
    assert LoginLink.objects.get().used_at is not None


def test_expired_link_fails_and_stays_unused(customer_user, django_capture_on_commit_callbacks):
    with clock.pinned(MOMENT):
        secret = issued_secret(django_capture_on_commit_callbacks, customer_user)

    with clock.pinned(MOMENT + LINK_LIFETIME + timedelta(seconds=1)):
        assert spend_login_link(secret) is None
    assert LoginLink.objects.get().used_at is None


def test_link_just_before_expiry_works(customer_user, django_capture_on_commit_callbacks):
    with clock.pinned(MOMENT):
        secret = issued_secret(django_capture_on_commit_callbacks, customer_user)

    with clock.pinned(MOMENT + LINK_LIFETIME - timedelta(seconds=1)):
        link = spend_login_link(secret)

    assert (link.user, link.used_at) == (
        customer_user,
        MOMENT + LINK_LIFETIME - timedelta(seconds=1),
    )


def test_a_made_up_secret_fails(customer_user, django_capture_on_commit_callbacks):
    issued_secret(django_capture_on_commit_callbacks, customer_user)

    assert spend_login_link("made-up") is None
    assert LoginLink.objects.get().used_at is None
