"""Tickets API: parse, ask the policy through selectors, call a service, serialise."""

from datetime import UTC, datetime
from typing import Literal

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from caredesk.accounts import policy
from caredesk.accounts.api_auth import api_caller
from caredesk.accounts.models import Team, User
from caredesk.core.errors import PermissionDenied, ValidationFailed
from caredesk.core.pagination import MAX_DATABASE_ID, SortKey, paginate
from caredesk.customers.models import Customer
from caredesk.tickets import selectors
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import PRIORITY_BY_NAME, Channel
from caredesk.tickets.models import Category, CustomFieldDefinition, Ticket
from caredesk.tickets.schemas import (
    CategoryIn,
    CategoryOut,
    CustomFieldIn,
    CustomFieldOut,
    EventOut,
    LinkIn,
    LinkOut,
    MergeIn,
    MessageIn,
    MessageOut,
    MoveIn,
    SplitIn,
    TicketCreateIn,
    TicketOut,
    TicketPageOut,
    TicketPatchIn,
)
from caredesk.tickets.services import catalogue
from caredesk.tickets.services.links import link_tickets
from caredesk.tickets.services.merge import merge_tickets, move_message, split_message
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.open_ticket import RequesterByEmail, open_ticket
from caredesk.tickets.services.update import UNSET, TicketChanges, update_ticket

router = Router(tags=["tickets"])

SORT_KEYS = {
    "-updated_at": SortKey("updated_at", descending=True, is_datetime=True),
    "updated_at": SortKey("updated_at", descending=False, is_datetime=True),
    "-created_at": SortKey("created_at", descending=True, is_datetime=True),
    "created_at": SortKey("created_at", descending=False, is_datetime=True),
    "-priority": SortKey("priority", descending=True),
    "priority": SortKey("priority", descending=False),
}


class TicketListQuery(Schema):
    status: str | None = Field(default=None, description="Comma-separated statuses")
    assignee: str | None = Field(default=None, description="An agent id, `me` or `none`")
    team: int | None = Field(default=None, ge=1, le=MAX_DATABASE_ID)
    requester: int | None = Field(default=None, ge=1, le=MAX_DATABASE_ID)
    priority: Literal["low", "normal", "high", "urgent"] | None = None
    category: str | None = None
    tag: str | None = None
    q: str | None = Field(
        default=None, max_length=500, description="Full text over subject and messages"
    )
    updated_since: datetime | None = None
    sort: Literal[
        "-updated_at", "updated_at", "-created_at", "created_at", "-priority", "priority"
    ] = "-updated_at"
    cursor: str | None = Field(default=None, max_length=500)
    limit: int = Field(default=25, ge=1, le=100)


def _etag(ticket: Ticket) -> str:
    return f'"v{ticket.version}"'


def _expected_version(request: HttpRequest) -> int | None:
    header = request.headers.get("If-Match")
    if not header:
        return None
    if header.strip() == "*":
        return None
    raw = header.strip().removeprefix("W/").strip('"').removeprefix("v")
    if not (raw.isascii() and raw.isdigit()):
        raise ValidationFailed(
            'If-Match must be an ETag given by the API, such as "v3".', field="If-Match"
        )
    return int(raw)


def _idempotency_key(request: HttpRequest, user: User) -> str:
    """The caller's Idempotency-Key, scoped to the caller: another caller's key never matches."""
    key = request.headers.get("Idempotency-Key", "").replace("\x00", "")
    return f"api:{user.pk}:{key}"[:255] if key else ""


def _team(user: User, team_id: int | None) -> Team | None:
    if team_id is None:
        return None
    team = Team.objects.filter(pk=team_id).first()
    if team is None or not policy.can_view_directory(user):
        raise ValidationFailed(f"There is no team {team_id}.", field="team_id")
    return team


def _assignee(user: User, assignee_id: int | None) -> User | None:
    if assignee_id is None:
        return None
    assignee = User.objects.filter(pk=assignee_id).first()
    if assignee is None or not policy.can_view_directory(user):
        raise ValidationFailed(f"There is no agent {assignee_id}.", field="assignee_id")
    return assignee


def _category(slug: str | None) -> Category | None:
    if not slug:
        return None
    category = Category.objects.filter(slug=slug, is_active=True).first()
    if category is None:
        raise ValidationFailed(f"There is no category {slug!r}.", field="category")
    return category


@router.post("/tickets", response={201: TicketOut})
def create_ticket(request: HttpRequest, response: HttpResponse, payload: TicketCreateIn) -> Status:
    user = api_caller(request)
    if policy.is_staff(user):
        if payload.requester is None:
            raise ValidationFailed("A requester is required.", field="requester")
        # Found or created inside the ticket's transaction: a refused ticket leaves no customer.
        requester: Customer | RequesterByEmail = RequesterByEmail(
            payload.requester.email, name=payload.requester.name
        )
        channel = payload.channel
        # An agent relaying a customer's words (phone, social bridge) files them as the customer's.
        author = Actor.of_user(user) if channel == Channel.INTERNAL else None
        team, assignee = _team(user, payload.team_id), _assignee(user, payload.assignee_id)
        priority = PRIORITY_BY_NAME[payload.priority]
        fields = payload.custom_fields
    else:
        profile = policy.customer_profile_of(user)
        if profile is None:
            raise PermissionDenied("This account cannot open tickets.")
        if (
            payload.requester is not None
            and payload.requester.email.lower() != profile.email.lower()
        ):
            raise PermissionDenied("Customers open tickets only for themselves.", field="requester")
        requester = profile
        author, channel, team, assignee = Actor.of_customer(profile), "api", None, None
        priority = PRIORITY_BY_NAME["normal"]
        fields = {}
    ticket = open_ticket(
        requester=requester,
        actor=author,
        subject=payload.subject,
        body=payload.body,
        channel=channel,
        priority=priority,
        category=_category(payload.category),
        tags=payload.tags if policy.is_staff(user) else (),
        custom_fields=fields,
        team=team,
        assignee=assignee,
        external_id=_idempotency_key(request, user),
    )
    # The caller made it, so they see it even when they filed it in a team they cannot see.
    ticket = _reload(ticket)
    response["ETag"] = _etag(ticket)
    return Status(201, ticket)


def _aware(moment: datetime | None) -> datetime | None:
    """A time given without an offset is read as UTC, the API's zone."""
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment, UTC)
    return moment


def _reload(ticket: Ticket) -> Ticket:
    return selectors.with_list_relations(Ticket.objects.filter(pk=ticket.pk)).get()


@router.get("/tickets", response=TicketPageOut)
def list_tickets(request: HttpRequest, query: Query[TicketListQuery]) -> dict[str, object]:
    user = api_caller(request)
    filters = selectors.TicketFilters(
        status=[s.strip() for s in query.status.split(",") if s.strip()] if query.status else None,
        team_id=query.team,
        requester_id=query.requester,
        priority=PRIORITY_BY_NAME[query.priority] if query.priority else None,
        category=query.category,
        tag=query.tag,
        text=query.q,
        updated_since=_aware(query.updated_since),
    )
    if query.assignee == "none":
        filters.unassigned = True
    elif query.assignee == "me":
        filters.assignee_id = user.pk
    elif query.assignee:
        if not (query.assignee.isascii() and query.assignee.isdigit()) or len(query.assignee) > 18:
            raise ValidationFailed(
                "assignee must be an agent id, `me` or `none`.", field="assignee"
            )
        filters.assignee_id = int(query.assignee)
    queryset = selectors.filter_tickets(selectors.tickets_visible_to(user), filters, viewer=user)
    page = paginate(
        queryset,
        key=SORT_KEYS[query.sort],
        cursor=query.cursor,
        limit=query.limit,
        load=selectors.with_list_relations,
    )
    return {"items": page.items, "next": page.next_cursor}


@router.get("/tickets/{ticket_id}", response=TicketOut)
def get_ticket(request: HttpRequest, response: HttpResponse, ticket_id: int) -> Ticket:
    ticket = selectors.get_ticket_for(api_caller(request), ticket_id)
    response["ETag"] = _etag(ticket)
    return ticket


@router.patch("/tickets/{ticket_id}", response=TicketOut)
def patch_ticket(
    request: HttpRequest, response: HttpResponse, ticket_id: int, payload: TicketPatchIn
) -> Ticket:
    user = api_caller(request)
    ticket = selectors.get_ticket_for(user, ticket_id)
    if not policy.can_update_ticket(user, ticket):
        raise PermissionDenied("You may not edit this ticket.")
    given = payload.model_fields_set
    changes = TicketChanges(
        subject=payload.subject if "subject" in given and payload.subject is not None else UNSET,
        status=payload.status if "status" in given and payload.status is not None else UNSET,
        priority=PRIORITY_BY_NAME[payload.priority] if payload.priority else UNSET,
        assignee=_assignee(user, payload.assignee_id) if "assignee_id" in given else UNSET,
        team=_team(user, payload.team_id) if "team_id" in given else UNSET,
        category=_category(payload.category) if "category" in given else UNSET,
        tags=payload.tags if payload.tags is not None else UNSET,
        custom_fields=payload.custom_fields or {},
    )
    update_ticket(
        ticket,
        actor=Actor.of_user(user),
        changes=changes,
        expected_version=_expected_version(request),
    )
    # Not re-scoped: an agent who just moved the ticket to another team still gets the result.
    ticket = _reload(ticket)
    response["ETag"] = _etag(ticket)
    return ticket


@router.get("/tickets/{ticket_id}/messages", response=list[MessageOut])
def list_messages(request: HttpRequest, ticket_id: int) -> list:
    user = api_caller(request)
    return list(selectors.messages_of(user, selectors.get_ticket_for(user, ticket_id)))


@router.post("/tickets/{ticket_id}/messages", response={201: MessageOut})
def post_message(request: HttpRequest, ticket_id: int, payload: MessageIn) -> Status:
    user = api_caller(request)
    ticket = selectors.get_ticket_for(user, ticket_id)
    if not policy.can_reply(user, ticket):
        raise PermissionDenied("You may not reply to this ticket.")
    channel = Channel.INTERNAL if policy.is_staff(user) else Channel.API
    message = add_message(
        ticket,
        actor=Actor.of_user(user),
        body=payload.body,
        is_public=payload.public,
        channel=channel,
        status=payload.status,
        external_id=_idempotency_key(request, user),
    )
    return Status(201, message)


@router.post("/tickets/{ticket_id}/merge", response=TicketOut)
def merge(request: HttpRequest, ticket_id: int, payload: MergeIn) -> Ticket:
    """Merge the tickets in ``ids`` into this one, which survives."""
    user = api_caller(request)
    survivor = selectors.get_ticket_for(user, ticket_id)
    if not policy.can_merge_tickets(user):
        raise PermissionDenied("You may not merge tickets.")
    sources = [selectors.get_ticket_for(user, source_id) for source_id in payload.ids]
    # All or nothing: a refused source must not leave the ones before it merged.
    with transaction.atomic():
        for source in sources:
            merge_tickets(source, into=survivor, actor=Actor.of_user(user))
    return selectors.get_ticket_for(user, ticket_id)


@router.get("/tickets/{ticket_id}/events", response=list[EventOut])
def list_events(request: HttpRequest, ticket_id: int) -> list:
    user = api_caller(request)
    return list(selectors.events_of(user, selectors.get_ticket_for(user, ticket_id)))


@router.post("/tickets/{ticket_id}/links", response={201: LinkOut})
def create_link(request: HttpRequest, ticket_id: int, payload: LinkIn) -> Status:
    user = api_caller(request)
    source = selectors.get_ticket_for(user, ticket_id)
    target = selectors.get_ticket_for(user, payload.target_id)
    return Status(201, link_tickets(source, target, kind=payload.kind, actor=Actor.of_user(user)))


@router.post("/messages/{message_id}/split", response={201: TicketOut})
def split(request: HttpRequest, message_id: int, payload: SplitIn) -> Status:
    user = api_caller(request)
    message = selectors.get_message_for(user, message_id)
    new_ticket = split_message(message, actor=Actor.of_user(user), subject=payload.subject)
    return Status(201, _reload(new_ticket))


@router.post("/messages/{message_id}/move", response=TicketOut)
def move(request: HttpRequest, message_id: int, payload: MoveIn) -> Ticket:
    """Move a message to another ticket the caller can see; answers with that ticket."""
    user = api_caller(request)
    message = selectors.get_message_for(user, message_id)
    target = selectors.get_ticket_for(user, payload.ticket_id)
    return _reload(move_message(message, to=target, actor=Actor.of_user(user)))


@router.get("/categories", response=list[CategoryOut])
def list_categories(request: HttpRequest) -> list:
    return list(Category.objects.all())


@router.post("/categories", response={201: CategoryOut})
def create_category(request: HttpRequest, payload: CategoryIn) -> Status:
    return Status(
        201,
        catalogue.create_category(actor=api_caller(request), name=payload.name, slug=payload.slug),
    )


@router.get("/custom-fields", response=list[CustomFieldOut])
def list_custom_fields(request: HttpRequest) -> list:
    return list(CustomFieldDefinition.objects.filter(is_active=True))


@router.post("/custom-fields", response={201: CustomFieldOut})
def create_custom_field(request: HttpRequest, payload: CustomFieldIn) -> Status:
    return Status(
        201,
        catalogue.define_custom_field(
            actor=api_caller(request),
            key=payload.key,
            label=payload.label,
            field_type=payload.field_type,
            choices=payload.choices,
        ),
    )
