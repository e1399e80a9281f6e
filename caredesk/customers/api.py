"""Customers and organisations API."""

from zoneinfo import available_timezones

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from caredesk.accounts import policy
from caredesk.accounts.api_auth import api_caller
from caredesk.accounts.models import User
from caredesk.core.errors import NotFound, PermissionDenied, ValidationFailed
from caredesk.core.pagination import MAX_DATABASE_ID, SortKey, paginate
from caredesk.customers import selectors
from caredesk.customers.models import Customer, Organisation
from caredesk.customers.schemas import (
    CustomerDetailOut,
    CustomerIn,
    CustomerPageOut,
    CustomerPatchIn,
    InvitationOut,
    OrganisationIn,
    OrganisationOut,
    OrganisationPatchIn,
)
from caredesk.customers.services.customers import create_customer, update_customer
from caredesk.customers.services.organisations import create_organisation, update_organisation
from caredesk.customers.services.portal_access import invite_customer

router = Router(tags=["customers"])
BY_ID = SortKey("id", descending=False)


class CustomerListQuery(Schema):
    q: str | None = Field(default=None, max_length=200)
    organisation: int | None = Field(default=None, ge=1, le=MAX_DATABASE_ID)
    cursor: str | None = Field(default=None, max_length=500)
    limit: int = Field(default=25, ge=1, le=100)


def _require_editor(user: User) -> None:
    if not policy.can_edit_customer(user):
        raise PermissionDenied("You may not change customer records.")


def _organisation(user: User, organisation_id: int | None) -> Organisation | None:
    if organisation_id is None:
        return None
    try:
        return selectors.get_organisation_for(user, organisation_id)
    except NotFound as error:
        raise ValidationFailed(
            f"There is no organisation {organisation_id}.", field="organisation_id"
        ) from error


def _check_timezone(timezone: str | None) -> None:
    if timezone is not None and timezone not in available_timezones():
        raise ValidationFailed(f"Unknown time zone {timezone!r}.", field="timezone")


def _detail(user: User, customer: Customer) -> Customer:
    customer.ticket_history = selectors.ticket_history(user, customer)  # type: ignore[attr-defined]
    return customer


@router.get("/customers", response=CustomerPageOut)
def list_customers(request: HttpRequest, query: Query[CustomerListQuery]) -> dict[str, object]:
    user = api_caller(request)
    queryset = selectors.customers_visible_to(user).prefetch_related("identities")
    if query.q:
        queryset = selectors.search_customers(queryset, query.q)
    if query.organisation is not None:
        queryset = queryset.filter(organisation_id=query.organisation)
    page = paginate(queryset, key=BY_ID, cursor=query.cursor, limit=query.limit)
    return {"items": page.items, "next": page.next_cursor}


@router.post("/customers", response={201: CustomerDetailOut})
def post_customer(request: HttpRequest, payload: CustomerIn) -> Status:
    user = api_caller(request)
    _require_editor(user)
    _check_timezone(payload.timezone)
    customer = create_customer(
        name=payload.name,
        email=payload.email or "",
        preferred_name=payload.preferred_name,
        phone=payload.phone,
        language=payload.language,
        timezone=payload.timezone,
        organisation=_organisation(user, payload.organisation_id),
        tags=payload.tags,
        notes=payload.notes,
        is_vip=payload.is_vip,
    )
    return Status(201, _detail(user, selectors.get_customer_for(user, customer.pk)))


@router.get("/customers/{customer_id}", response=CustomerDetailOut)
def get_customer(request: HttpRequest, customer_id: int) -> Customer:
    user = api_caller(request)
    return _detail(user, selectors.get_customer_for(user, customer_id))


@router.patch("/customers/{customer_id}", response=CustomerDetailOut)
def patch_customer(request: HttpRequest, customer_id: int, payload: CustomerPatchIn) -> Customer:
    user = api_caller(request)
    customer = selectors.get_customer_for(user, customer_id)
    _require_editor(user)
    _check_timezone(payload.timezone)
    changes = {
        name: value
        for name, value in payload.model_dump(exclude_unset=True).items()
        if name != "organisation_id" and value is not None
    }
    if "organisation_id" in payload.model_fields_set:
        changes["organisation"] = _organisation(user, payload.organisation_id)
    update_customer(customer, changes=changes)
    return _detail(user, selectors.get_customer_for(user, customer_id))


@router.post("/customers/{customer_id}/invite", response={202: InvitationOut})
def post_customer_invite(request: HttpRequest, customer_id: int) -> Status:
    """Mail the customer a one-time portal sign-in link; their login is made when they use it."""
    user = api_caller(request)
    customer = selectors.get_customer_for(user, customer_id)
    link = invite_customer(customer, actor=user)
    return Status(
        202, {"customer_id": customer.pk, "sent_to": link.email, "expires_at": link.expires_at}
    )


@router.get("/organisations", response=list[OrganisationOut])
def list_organisations(request: HttpRequest) -> list:
    return list(selectors.organisations_visible_to(api_caller(request)))


@router.post("/organisations", response={201: OrganisationOut})
def post_organisation(request: HttpRequest, payload: OrganisationIn) -> Status:
    user = api_caller(request)
    if not policy.can_manage_settings(user):
        raise PermissionDenied("Only admins may create organisations.")
    organisation = create_organisation(
        name=payload.name,
        domains=payload.domains,
        members_see_each_other=payload.members_see_each_other,
        notes=payload.notes,
    )
    return Status(201, selectors.get_organisation_for(user, organisation.pk))


@router.get("/organisations/{organisation_id}", response=OrganisationOut)
def get_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    return selectors.get_organisation_for(api_caller(request), organisation_id)


@router.patch("/organisations/{organisation_id}", response=OrganisationOut)
def patch_organisation(
    request: HttpRequest, organisation_id: int, payload: OrganisationPatchIn
) -> Organisation:
    user = api_caller(request)
    organisation = selectors.get_organisation_for(user, organisation_id)
    if not policy.can_manage_settings(user):
        raise PermissionDenied("Only admins may change organisations.")
    update_organisation(
        organisation,
        name=payload.name,
        domains=payload.domains,
        members_see_each_other=payload.members_see_each_other,
        notes=payload.notes,
    )
    return selectors.get_organisation_for(user, organisation_id)
