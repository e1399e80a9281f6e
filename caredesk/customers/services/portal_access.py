"""Portal sign-in for every known customer: a one-time link to any of their email addresses,
the login made on the link's first use, and invitations sent by the team.

A customer who wrote in by email or was created through the API has a record but no login; the
link proves they own the address, so the login is made only when it is used.
"""

import logging

from django.db import IntegrityError, transaction

from caredesk.accounts import policy
from caredesk.accounts.models import LoginLink, User
from caredesk.accounts.services.login_links import issue_login_link, spend_login_link
from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from caredesk.customers.choices import IdentityKind
from caredesk.customers.models import Customer, CustomerIdentity
from caredesk.customers.services.customers import create_portal_login, normalise_email

logger = logging.getLogger(__name__)


def customer_owning_email(address: str) -> Customer | None:
    """The customer ``address`` (normalised) belongs to: by email identity, else by primary email."""
    identity = (
        CustomerIdentity.objects.select_related("customer__user")
        .filter(kind=IdentityKind.EMAIL, value=address, customer__merged_into__isnull=True)
        .first()
    )
    by_primary = (
        Customer.objects.select_related("user")
        .filter(email=address, merged_into__isnull=True)
        .order_by("pk")
        .first()
    )
    return identity.customer if identity is not None else by_primary


def send_portal_link(email: str) -> None:
    """Mail a portal sign-in link if ``email`` is a customer's; say nothing either way.

    Every address costs the same reads (both customer lookups run even when the first finds one)
    and nothing is written for one that gets no link, so a prober learns nothing. Staff and
    deactivated logins get no link: the policy lets links sign in portal customers only.
    """
    address = normalise_email(email)
    account = User.objects.filter(email__iexact=address).first()
    customer = customer_owning_email(address)
    if account is not None:
        if policy.may_sign_in_by_link(account):
            name = customer.greeting_name if customer is not None else account.name
            issue_login_link(email=address, name=name, user=account)
        return
    if customer is None:
        return
    if customer.user is None or policy.may_sign_in_by_link(customer.user):
        issue_login_link(email=address, name=customer.greeting_name, user=customer.user)


def _invitation_address(customer: Customer) -> str:
    if customer.email:
        return customer.email
    identity = customer.identities.filter(kind=IdentityKind.EMAIL).order_by("pk").first()
    if identity is None:
        raise ValidationFailed(
            f"{customer.name} has no email address to send the invitation to.", field="email"
        )
    return identity.value


@transaction.atomic
def invite_customer(customer: Customer, *, actor: User) -> LoginLink:
    """Mail ``customer`` a portal sign-in link in ``actor``'s name, to their primary email (or
    their first email identity). The link row records who invited whom and when; the login is
    made when the customer first uses the link.
    """
    if not policy.can_invite_customer(actor):
        raise PermissionDenied("Only supervisors and admins may invite customers to the portal.")
    address = _invitation_address(customer)
    login = customer.user
    if login is not None and not policy.may_sign_in_by_link(login):
        raise Conflict(
            f"{customer.name}'s portal login is deactivated; an invitation would not work.",
            field="user",
        )
    if login is None and User.objects.filter(email__iexact=address).exists():
        raise Conflict(
            f"{address} belongs to another account; it cannot be this customer's login.",
            field="email",
        )
    link = issue_login_link(
        email=address, name=customer.greeting_name, user=login, invited_by=actor
    )
    record = {"actor_id": actor.pk, "customer_id": customer.pk, "login_link_id": link.pk}
    transaction.on_commit(lambda: logger.info("customer_invited", extra=record))
    return link


@transaction.atomic
def redeem_portal_link(secret: str) -> User | None:
    """The portal login ``secret`` signs in, made on first use for a customer who had none.

    ``None`` for a used, expired or unknown link, and for one whose address is no longer a
    customer's or is now held by another account (staff among them). Locks the customer row, so
    two first links used at once make one login.
    """
    link = spend_login_link(secret)
    if link is None:
        return None
    if link.user is not None:
        return link.user if policy.may_sign_in_by_link(link.user) else None
    owner = customer_owning_email(link.email)
    if owner is None:
        return None
    customer = (
        Customer.objects.select_for_update(of=("self",)).select_related("user").get(pk=owner.pk)
    )
    if customer.user is not None:
        return customer.user if policy.may_sign_in_by_link(customer.user) else None
    if User.objects.filter(email__iexact=link.email).exists():
        return None
    try:
        with transaction.atomic():
            return create_portal_login(customer, email=link.email)
    except IntegrityError:
        # Someone took the address for another account between the check and the insert.
        return None
