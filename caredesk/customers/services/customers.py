"""Customer records: create, update, and resolve an inbound address to one customer."""

from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction

from caredesk.accounts.choices import Role
from caredesk.accounts.models import User
from caredesk.core.errors import Conflict, ValidationFailed
from caredesk.customers.choices import IdentityKind
from caredesk.customers.models import Customer, CustomerIdentity, Organisation, OrganisationDomain
from caredesk.customers.phone_numbers import normalise_phone

EDITABLE_FIELDS = (
    "name",
    "preferred_name",
    "phone",
    "language",
    "timezone",
    "organisation",
    "tags",
    "notes",
    "is_vip",
)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def organisation_for_email(email: str) -> Organisation | None:
    domain = email.rpartition("@")[2]
    match = OrganisationDomain.objects.select_related("organisation").filter(domain=domain).first()
    return match.organisation if match else None


@transaction.atomic
def create_customer(
    *,
    name: str,
    email: str = "",
    preferred_name: str = "",
    phone: str = "",
    language: str = "en",
    timezone: str = "UTC",
    organisation: Organisation | None = None,
    tags: Sequence[str] = (),
    notes: str = "",
    is_vip: bool = False,
) -> Customer:
    email = normalise_email(email)
    if email and CustomerIdentity.objects.filter(kind=IdentityKind.EMAIL, value=email).exists():
        raise Conflict(f"A customer with email {email} already exists.", field="email")
    if organisation is None and email:
        organisation = organisation_for_email(email)
    customer = Customer.objects.create(
        name=name.strip() or email or "Unknown customer",
        email=email,
        preferred_name=preferred_name,
        phone=phone,
        language=language,
        timezone=timezone,
        organisation=organisation,
        tags=sorted(set(tags)),
        notes=notes,
        is_vip=is_vip,
    )
    if email:
        CustomerIdentity.objects.create(customer=customer, kind=IdentityKind.EMAIL, value=email)
    phone_identity = _phone_identity(phone)
    if phone_identity:
        CustomerIdentity.objects.get_or_create(
            kind=IdentityKind.PHONE, value=phone_identity, defaults={"customer": customer}
        )
    return customer


def _phone_identity(phone: str) -> str:
    """The number in the shape calls are matched by; free text such as "ask reception" gets none."""
    if not phone.strip():
        return ""
    try:
        return normalise_phone(phone)
    except ValidationFailed:
        return ""


def resolve_customer_by_email(email: str, *, name: str = "") -> Customer:
    """The customer who owns this address, created on first contact.

    Safe under concurrency: two first messages from one address race on the unique identity, and
    the loser reads the winner's customer.
    """
    email = normalise_email(email)
    if not email or "@" not in email:
        raise ValidationFailed("A valid requester email is required.", field="requester.email")
    identity = (
        CustomerIdentity.objects.select_related("customer")
        .filter(kind=IdentityKind.EMAIL, value=email)
        .first()
    )
    if identity is not None:
        return identity.customer
    try:
        with transaction.atomic():
            return create_customer(name=name, email=email)
    except (IntegrityError, Conflict):
        return (
            CustomerIdentity.objects.select_related("customer")
            .get(kind=IdentityKind.EMAIL, value=email)
            .customer
        )


@transaction.atomic
def update_customer(customer: Customer, *, changes: dict[str, Any]) -> Customer:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(f"Unknown field: {sorted(unknown)[0]}", field=sorted(unknown)[0])
    for field, value in changes.items():
        if field == "tags":
            value = sorted(set(value))
        setattr(customer, field, value)
    customer.save()
    return customer


@transaction.atomic
def add_customer_email(customer: Customer, *, email: str) -> CustomerIdentity:
    email = normalise_email(email)
    identity, created = CustomerIdentity.objects.get_or_create(
        kind=IdentityKind.EMAIL, value=email, defaults={"customer": customer}
    )
    if not created and identity.customer_id != customer.pk:
        raise Conflict(f"{email} belongs to another customer.", field="email")
    return identity


@transaction.atomic
def enable_portal_access(customer: Customer, *, password: str | None = None) -> User:
    """Give a customer a portal login (password, or one-time email links when none is set)."""
    if customer.user_id:
        user = customer.user
        assert user is not None
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
        return user
    if not customer.email:
        raise ValidationFailed("The customer needs an email address to sign in.", field="email")
    if User.objects.filter(email__iexact=customer.email).exists():
        raise Conflict(f"{customer.email} already has an account.", field="email")
    return create_portal_login(customer, email=customer.email, password=password)


def create_portal_login(customer: Customer, *, email: str, password: str | None = None) -> User:
    """Make ``customer``'s portal login under ``email``; with no password it signs in by links.

    Trusted: call inside a transaction, after checking that the customer has no login and that no
    account holds ``email``.
    """
    user = User.objects.create_user(
        email=email,
        password=password,
        name=customer.name,
        role=Role.CUSTOMER,
        language=customer.language,
        timezone=customer.timezone,
    )
    customer.user = user
    customer.save(update_fields=["user", "updated_at"])
    return user
