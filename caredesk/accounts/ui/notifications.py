"""A staff member's notifications (escalations, approvals), and the links that mail points to."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from caredesk.accounts import policy
from caredesk.accounts.services.notifications import mark_read
from caredesk.accounts.ui.access import current_user, staff_only
from caredesk.accounts.ui.bell import notifications_of
from caredesk.core.errors import ValidationFailed
from caredesk.core.pagination import Page, SortKey, paginate

PAGE_SIZE = 30
NEWEST_FIRST = SortKey("created_at", descending=True, is_datetime=True)


@require_GET
@staff_only
def notifications_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    cursor = request.GET.get("cursor") or None
    try:
        page = paginate(notifications_of(user), key=NEWEST_FIRST, cursor=cursor, limit=PAGE_SIZE)
    except ValidationFailed:
        page = Page(items=[], next_cursor=None)
    context = {
        "notifications": page.items,
        "has_unread": any(item.read_at is None for item in page.items),
        "next_page_url": f"{request.path}?cursor={page.next_cursor}" if page.next_cursor else None,
        "is_later_page": cursor is not None,
    }
    return render(request, "accounts/notifications.html", context)


@require_POST
@staff_only
def mark_notifications_read(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if request.POST.get("all") == "1":
        ids = list(notifications_of(user).filter(read_at__isnull=True).values_list("pk", flat=True))
    else:
        ids = [int(value) for value in request.POST.getlist("notification") if value.isdigit()]
    # mark_read touches only the user's own rows, so ids of other people's notifications do nothing.
    count = mark_read(user, notification_ids=ids)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    return redirect("web:notifications")


@require_GET
def ticket_link(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """Notifications and their emails link to /tickets/<id>/; each role opens its own page."""
    if policy.is_customer(request.user):
        return redirect("web:portal_ticket", ticket_id=ticket_id)
    return redirect("web:ticket", ticket_id=ticket_id)
