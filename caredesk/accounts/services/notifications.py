"""Telling people something: an in-app notification, and an email after the commit."""

import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from caredesk.accounts.models import Notification, User
from caredesk.core import clock

logger = logging.getLogger(__name__)


def _mail(subject: str, body: str, addresses: list[str]) -> None:
    # The in-app notification is already stored; a mail server that is down must not undo it.
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
    except (smtplib.SMTPException, OSError):
        logger.exception("notification_email_failed", extra={"recipients": len(addresses)})


def notify(
    users: Iterable[User], *, subject: str, body: str = "", url: str = "", email: bool = True
) -> list[Notification]:
    recipients = {user.pk: user for user in users if user is not None and user.is_active}
    now = clock.now()
    notifications = Notification.objects.bulk_create(
        [
            Notification(user=user, subject=subject[:200], body=body, url=url, created_at=now)
            for user in recipients.values()
        ]
    )
    if email and recipients:
        link = f"\n\n{settings.CAREDESK_BASE_URL}{url}" if url else ""
        addresses = sorted(user.email for user in recipients.values())
        transaction.on_commit(lambda: _mail(subject[:200], body + link, addresses))
    return notifications


@transaction.atomic
def mark_read(user: User, *, notification_ids: Iterable[int]) -> int:
    return Notification.objects.filter(
        user=user, pk__in=list(notification_ids), read_at__isnull=True
    ).update(read_at=clock.now())
