"""The agent's queues: my open tickets, unassigned in my teams, everything I can see."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from caredesk.accounts.models import User
from caredesk.accounts.ui.access import current_user, staff_only
from caredesk.accounts.ui.zones import zone_of
from caredesk.core import clock
from caredesk.core.errors import ValidationFailed
from caredesk.core.pagination import Page, SortKey, paginate
from caredesk.core.ui.form_errors import add_domain_error
from caredesk.core.ui.htmx import HtmxHttpRequest, vary_on_htmx, wants_fragment
from caredesk.sla.ui.display import DUE_SORT_FIELD, Badge, ticket_badge, with_due_sort
from caredesk.tickets import selectors
from caredesk.tickets.models import Ticket
from caredesk.web.forms import QueueFilterForm

PAGE_SIZE = 25

SORT_KEYS = {
    "updated": SortKey("updated_at", descending=True, is_datetime=True),
    "created": SortKey("created_at", descending=True, is_datetime=True),
    "priority": SortKey("priority", descending=True),
    "due": SortKey(DUE_SORT_FIELD, descending=False, is_datetime=True),
}


@dataclass(frozen=True)
class QueueRow:
    ticket: Ticket
    badge: Badge | None


@dataclass(frozen=True)
class Queue:
    slug: str
    title: str
    shortcut: str


QUEUES = {
    queue.slug: queue
    for queue in (
        Queue("mine", "My open", "m"),
        Queue("unassigned", "Unassigned in my teams", "u"),
        Queue("all", "All I can see", "a"),
    )
}


def _base_queryset(queue: Queue, user: User) -> QuerySet[Ticket]:
    if queue.slug == "mine":
        return selectors.my_open_tickets(user)
    if queue.slug == "unassigned":
        return selectors.unassigned_in_my_teams(user)
    return selectors.tickets_visible_to(user)


def _filters(form: QueueFilterForm) -> selectors.TicketFilters:
    data = form.cleaned_data
    return selectors.TicketFilters(
        status=[data["status"]] if data["status"] else None,
        priority=data["priority"],
        team_id=data["team"].pk if data["team"] else None,
        category=data["category"].slug if data["category"] else None,
        tag=data["tag"] or None,
        text=data["q"] or None,
    )


def _page_url(request: HttpRequest, cursor: str | None) -> str:
    """This queue with the same filters, at ``cursor`` (None: the first page)."""
    query = request.GET.copy()
    query.pop("cursor", None)
    if cursor is not None:
        query["cursor"] = cursor
    return f"{request.path}?{query.urlencode()}"


@require_GET
@staff_only
def workspace(request: HttpRequest) -> HttpResponse:
    return redirect("web:queue", view="mine")


@require_GET
@staff_only
def queue_page(request: HtmxHttpRequest, view: str) -> HttpResponse:
    queue = QUEUES.get(view)
    if queue is None:
        raise Http404("No such queue.")
    user = current_user(request)
    form = QueueFilterForm(request.GET)
    page = Page(items=[], next_cursor=None)
    if form.is_valid():
        queryset = selectors.filter_tickets(
            _base_queryset(queue, user), _filters(form), viewer=user
        )
        sort = form.cleaned_data["sort"] or "updated"
        if sort == "due":
            queryset = with_due_sort(queryset)
        try:
            page = paginate(
                queryset,
                key=SORT_KEYS[sort],
                cursor=request.GET.get("cursor") or None,
                limit=PAGE_SIZE,
                load=selectors.with_list_relations,
            )
        except ValidationFailed as error:
            add_domain_error(form, error)
    now, zone = clock.now(), zone_of(user)
    context = {
        "queue": queue,
        "queues": QUEUES.values(),
        "form": form,
        "tickets": page.items,
        # The clocks come prefetched with the page, so badges cost no query per row.
        "rows": [
            QueueRow(ticket, ticket_badge(ticket.sla_clocks.all(), now=now, zone=zone))
            for ticket in page.items
        ],
        "next_page_url": _page_url(request, page.next_cursor) if page.next_cursor else None,
        "first_page_url": _page_url(request, None) if request.GET.get("cursor") else None,
    }
    partial = wants_fragment(request)
    template = "web/workspace/_queue_results.html" if partial else "web/workspace/queue.html"
    return vary_on_htmx(render(request, template, context, status=400 if form.errors else 200))
