"""Identities across channels: one customer behind emails, phone numbers and external ids.

Values are normalised once here, so "+49 (170) 123-4567" from a phone system and "0049170 1234567"
typed by an agent resolve to the same customer.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from caredesk.core.errors import Conflict, ValidationFailed
from caredesk.customers.choices import IdentityKind
from caredesk.customers.models import Customer, CustomerIdentity
from caredesk.customers.phone_numbers import normalise_phone
from caredesk.customers.services.customers import normalise_email, resolve_customer_by_email

MAX_VALUE_LENGTH = 254


def normalise_identity(kind: str, value: str) -> str:
    if kind == IdentityKind.EMAIL:
        email = normalise_email(value)
        if "@" not in email or len(email) > MAX_VALUE_LENGTH:
            raise ValidationFailed(f"{value!r} is not an email address.", field="email")
        return email
    if kind == IdentityKind.PHONE:
        return normalise_phone(value)
    if kind == IdentityKind.EXTERNAL:
        external = value.strip()
        prefix, _, sender = external.partition(":")
        if not prefix.strip() or not sender.strip() or len(external) > MAX_VALUE_LENGTH:
            raise ValidationFailed(
                f"An external id reads 'channel:sender id', up to {MAX_VALUE_LENGTH} characters.",
                field="external_id",
            )
        return external
    raise ValidationFailed(f"Unknown identity kind {kind!r}.", field="kind")


@transaction.atomic
def add_identity(customer: Customer, *, kind: str, value: str) -> CustomerIdentity:
    """Give ``customer`` another way to be reached; refuse one that belongs to someone else."""
    value = normalise_identity(kind, value)
    identity, created = CustomerIdentity.objects.get_or_create(
        kind=kind, value=value, defaults={"customer": customer}
    )
    if not created and identity.customer_id != customer.pk:
        raise Conflict(f"{value} belongs to another customer.", field=kind)
    return identity


def _find(kind: str, value: str) -> Customer | None:
    identity = (
        CustomerIdentity.objects.select_related("customer").filter(kind=kind, value=value).first()
    )
    return identity.customer if identity is not None else None


def resolve_customer_by_identity(kind: str, value: str, *, name: str = "") -> Customer:
    """The customer who owns this identity, created on first contact.

    Safe under concurrency: two first contacts race on the unique identity; the loser's savepoint
    rolls back its customer too, and it reads the winner's.
    """
    if kind == IdentityKind.EMAIL:
        return resolve_customer_by_email(normalise_identity(kind, value), name=name)
    value = normalise_identity(kind, value)
    found = _find(kind, value)
    if found is not None:
        return found
    try:
        with transaction.atomic():
            customer = Customer.objects.create(
                name=name.strip()[:200] or value[:200],
                phone=value if kind == IdentityKind.PHONE else "",
            )
            CustomerIdentity.objects.create(customer=customer, kind=kind, value=value)
            return customer
    except IntegrityError:
        winner = _find(kind, value)
        if winner is None:
            raise
        return winner


@dataclass(frozen=True)
class Absorbed:
    identities_moved: int
    portal_user_moved: bool


def absorb_customer(source: Customer, *, into: Customer) -> Absorbed:
    """Move ``source``'s identities (and its portal login, if ``into`` has none) to ``into``, and
    mark ``source`` merged.

    Trusted: call inside a transaction holding both rows locked, after the caller checked the
    permission and that the two differ. The tickets app moves the tickets (customer_merge).
    """
    moved = CustomerIdentity.objects.filter(customer=source).update(customer=into)
    changed_into: list[str] = []
    portal_user_moved = False
    if into.user_id is None and source.user_id is not None:
        user = source.user
        source.user = None
        source.save(update_fields=["user", "updated_at"])
        into.user = user
        changed_into.append("user")
        portal_user_moved = True
    for field in ("email", "phone"):
        if not getattr(into, field) and getattr(source, field):
            setattr(into, field, getattr(source, field))
            changed_into.append(field)
    if changed_into:
        into.save(update_fields=[*changed_into, "updated_at"])
    source.merged_into = into
    source.save(update_fields=["merged_into", "updated_at"])
    return Absorbed(identities_moved=moved, portal_user_moved=portal_user_moved)
