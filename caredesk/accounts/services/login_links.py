"""One-time portal sign-in links: random, stored as a hash, valid for a short time, used once.

Which addresses may get a link is the customers app's decision (it knows whose address is whose,
and makes the login on first use); this module keeps the links themselves honest.
"""

import logging
import secrets
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from caredesk.accounts.models import LoginLink, User
from caredesk.accounts.services.tokens import hash_secret
from caredesk.core import clock

logger = logging.getLogger(__name__)

LINK_LIFETIME = timedelta(minutes=30)
SUBJECT = "Your sign-in link"


def _mail_link(*, name: str, address: str, url: str) -> None:
    # A mail server that is down must not turn the answer into an error page: that page would
    # tell a prober which addresses are known.
    minutes = int(LINK_LIFETIME.total_seconds() // 60)
    try:
        send_mail(
            SUBJECT,
            f"Hello {name},\n\nSign in to your support portal with this link "
            f"(valid for {minutes} minutes, once):\n{url}\n",
            settings.DEFAULT_FROM_EMAIL,
            [address],
        )
    except (smtplib.SMTPException, OSError):
        logger.exception("login_link_email_failed")


@transaction.atomic
def issue_login_link(
    *, email: str, name: str, user: User | None, invited_by: User | None = None
) -> LoginLink:
    """Store a new link for ``user`` (or, with no login yet, for ``email``) and mail it to
    ``email`` after the commit, so no mail leaves while a row is locked or for a rolled-back link.

    Trusted: the caller decided that this address may sign in.
    """
    secret = secrets.token_urlsafe(32)
    link = LoginLink.objects.create(
        user=user,
        email=email,
        invited_by=invited_by,
        token_hash=hash_secret(secret),
        expires_at=clock.now() + LINK_LIFETIME,
    )
    url = settings.CAREDESK_BASE_URL + reverse("web:portal_login_link", args=[secret])
    transaction.on_commit(lambda: _mail_link(name=name, address=email, url=url))
    return link


@transaction.atomic
def spend_login_link(secret: str) -> LoginLink | None:
    """The unused, unexpired link for ``secret``, now marked used; ``None`` for any other secret.

    The link row stays locked until the caller's transaction ends, so two uses of one link
    cannot both succeed.
    """
    # Only the link row is locked: PostgreSQL refuses FOR UPDATE on the outer-joined user.
    link = (
        LoginLink.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(token_hash=hash_secret(secret), used_at__isnull=True, expires_at__gt=clock.now())
        .first()
    )
    if link is None:
        return None
    link.used_at = clock.now()
    link.save(update_fields=["used_at"])
    return link
