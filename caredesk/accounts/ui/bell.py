"""The header's count of unread notifications, read once per request however often it is shown.

(A template context processor would be the usual home; settings belong to another change.)
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from caredesk.accounts import policy
from caredesk.accounts.models import Notification

CACHE_ATTRIBUTE = "_caredesk_unread_notifications"


def notifications_of(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user_id=user.pk)


def unread_count(request: HttpRequest) -> int:
    if not policy.is_staff(request.user):
        return 0
    cached = getattr(request, CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = notifications_of(request.user).filter(read_at__isnull=True).count()
        setattr(request, CACHE_ATTRIBUTE, cached)
    return int(cached)


def forget_count(request: HttpRequest) -> None:
    """After marking some read, so the same response shows the new count."""
    if hasattr(request, CACHE_ATTRIBUTE):
        delattr(request, CACHE_ATTRIBUTE)
