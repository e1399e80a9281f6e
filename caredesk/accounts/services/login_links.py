"""Passwordless portal sign-in: a one-time link, valid for a short time, mailed to the customer."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from caredesk.accounts.choices import Role
from caredesk.accounts.models import LoginLink, User
from caredesk.accounts.services.tokens import hash_secret
from caredesk.core import clock

LINK_LIFETIME = timedelta(minutes=30)


def send_login_link(email: str) -> None:
    """Mail a sign-in link if a portal account has this address; say nothing either way."""
    user = User.objects.filter(
        email__iexact=email.strip(), is_active=True, role=Role.CUSTOMER
    ).first()
    if user is None:
        return
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        LoginLink.objects.create(
            user=user, token_hash=hash_secret(secret), expires_at=clock.now() + LINK_LIFETIME
        )
    url = settings.CAREDESK_BASE_URL + reverse("web:portal_login_link", args=[secret])
    transaction.on_commit(
        lambda: send_mail(
            "Your sign-in link",
            f"Hello {user.name},\n\nSign in to your support portal with this link "
            f"(valid for 30 minutes, once):\n{url}\n",
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
    )


@transaction.atomic
def redeem_login_link(secret: str) -> User | None:
    link = (
        LoginLink.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=hash_secret(secret), used_at__isnull=True, expires_at__gt=clock.now())
        .first()
    )
    if link is None or not link.user.is_active:
        return None
    link.used_at = clock.now()
    link.save(update_fields=["used_at"])
    return link.user
