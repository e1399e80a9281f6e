"""Customer endpoints that reach into tickets: merging duplicates, the cross-channel timeline.

They live here rather than in ``customers.api`` because customers may not import tickets.
"""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field

from caredesk.accounts import policy
from caredesk.accounts.api_auth import api_caller
from caredesk.core.errors import PermissionDenied
from caredesk.core.pagination import MAX_DATABASE_ID, SortKey, paginate
from caredesk.customers import selectors as customer_selectors
from caredesk.customers.models import Customer
from caredesk.customers.schemas import CustomerDetailOut
from caredesk.tickets import selectors
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Message
from caredesk.tickets.schemas import MessageOut
from caredesk.tickets.services.customer_merge import merge_customers

router = Router(tags=["customers"])
NEWEST_FIRST = SortKey("created_at", descending=True, is_datetime=True)


class CustomerMergeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    source_id: int = Field(ge=1, le=MAX_DATABASE_ID)


class CustomerMergeOut(Schema):
    customer: CustomerDetailOut
    tickets_moved: int
    identities_moved: int
    portal_user_moved: bool


class TimelineEntryOut(MessageOut):
    ticket_subject: str
    ticket_channel: str

    @staticmethod
    def resolve_ticket_subject(message: Message) -> str:
        return message.ticket.subject

    @staticmethod
    def resolve_ticket_channel(message: Message) -> str:
        return message.ticket.channel


class TimelinePageOut(Schema):
    items: list[TimelineEntryOut]
    next: str | None


class TimelineQuery(Schema):
    cursor: str | None = Field(default=None, max_length=500)
    limit: int = Field(default=50, ge=1, le=200)


def _detail(user: object, customer: Customer) -> Customer:
    customer.ticket_history = customer_selectors.ticket_history(user, customer)  # type: ignore[attr-defined]
    return customer


@router.post("/customers/{customer_id}/merge", response=CustomerMergeOut)
def merge(request: HttpRequest, customer_id: int, payload: CustomerMergeIn) -> dict[str, object]:
    """Merge the duplicate ``source_id`` into this customer, which survives."""
    user = api_caller(request)
    survivor = customer_selectors.get_customer_for(user, customer_id)
    if not policy.can_merge_customers(user):
        raise PermissionDenied("You may not merge customers.")
    source = customer_selectors.get_customer_for(user, payload.source_id)
    result = merge_customers(source, into=survivor, actor=Actor.of_user(user))
    return {
        "customer": _detail(user, customer_selectors.get_customer_for(user, result.customer.pk)),
        "tickets_moved": result.tickets_moved,
        "identities_moved": result.identities_moved,
        "portal_user_moved": result.portal_user_moved,
    }


@router.get("/customers/{customer_id}/timeline", response=TimelinePageOut)
def timeline(
    request: HttpRequest, customer_id: int, query: Query[TimelineQuery]
) -> dict[str, object]:
    """The customer's messages on every channel, newest first, as one conversation."""
    user = api_caller(request)
    customer = customer_selectors.get_customer_for(user, customer_id)
    page = paginate(
        selectors.customer_timeline(user, customer.pk),
        key=NEWEST_FIRST,
        cursor=query.cursor,
        limit=query.limit,
    )
    return {"items": page.items, "next": page.next_cursor}
