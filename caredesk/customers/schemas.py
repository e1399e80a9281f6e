from datetime import datetime

from ninja import Schema
from pydantic import ConfigDict, EmailStr, Field

from caredesk.customers.models import Customer, Organisation


class StrictSchema(Schema):
    model_config = ConfigDict(extra="forbid")


class OrganisationRef(Schema):
    id: int
    name: str


class TicketSummary(Schema):
    id: int
    number: int
    subject: str
    status: str
    channel: str
    updated_at: datetime


class IdentityOut(Schema):
    kind: str
    value: str


class CustomerOut(Schema):
    id: int
    name: str
    preferred_name: str
    greeting_name: str
    email: str
    emails: list[str]
    # Every way the customer reached us (emails, phones, external ids such as "whatsapp:...").
    identities: list[IdentityOut]
    phone: str
    language: str
    timezone: str
    organisation: OrganisationRef | None
    tags: list[str]
    notes: str
    is_vip: bool
    created_at: datetime

    @staticmethod
    def resolve_emails(customer: Customer) -> list[str]:
        return sorted(i.value for i in customer.identities.all() if i.kind == "email")

    @staticmethod
    def resolve_identities(customer: Customer) -> list[dict[str, str]]:
        return sorted(
            ({"kind": i.kind, "value": i.value} for i in customer.identities.all()),
            key=lambda identity: (identity["kind"], identity["value"]),
        )


class CustomerDetailOut(CustomerOut):
    tickets: list[TicketSummary]

    @staticmethod
    def resolve_tickets(customer: Customer) -> list:
        return customer.ticket_history  # type: ignore[attr-defined]


class CustomerPageOut(Schema):
    items: list[CustomerOut]
    next: str | None


class InvitationOut(Schema):
    """A portal invitation on its way: where the one-time link went and until when it works."""

    customer_id: int
    sent_to: str
    expires_at: datetime


class CustomerIn(StrictSchema):
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr | None = None
    preferred_name: str = Field(default="", max_length=100)
    phone: str = Field(default="", max_length=40)
    language: str = Field(default="en", max_length=10)
    timezone: str = Field(default="UTC", max_length=64)
    organisation_id: int | None = None
    tags: list[str] = Field(default_factory=list, max_length=30)
    notes: str = Field(default="", max_length=10_000)
    is_vip: bool = False


class CustomerPatchIn(StrictSchema):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    preferred_name: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, max_length=40)
    language: str | None = Field(default=None, max_length=10)
    timezone: str | None = Field(default=None, max_length=64)
    organisation_id: int | None = None
    tags: list[str] | None = Field(default=None, max_length=30)
    notes: str | None = Field(default=None, max_length=10_000)
    is_vip: bool | None = None


class OrganisationOut(Schema):
    id: int
    name: str
    domains: list[str]
    members_see_each_other: bool
    notes: str

    @staticmethod
    def resolve_domains(organisation: Organisation) -> list[str]:
        return [d.domain for d in organisation.domains.all()]


class OrganisationIn(StrictSchema):
    name: str = Field(min_length=1, max_length=200)
    domains: list[str] = Field(default_factory=list, max_length=50)
    members_see_each_other: bool = False
    notes: str = Field(default="", max_length=10_000)


class OrganisationPatchIn(StrictSchema):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    domains: list[str] | None = Field(default=None, max_length=50)
    members_see_each_other: bool | None = None
    notes: str | None = Field(default=None, max_length=10_000)
