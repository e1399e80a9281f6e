"""Creating the demo's teams, staff, organisations and customers through their services."""

import unicodedata

from caredesk.accounts.models import Team, User
from caredesk.accounts.services.users import create_team, create_user
from caredesk.customers.models import Customer
from caredesk.customers.services.customers import create_customer, enable_portal_access
from caredesk.customers.services.organisations import create_organisation
from caredesk.demo.people import ORGANISATIONS, PASSWORD, STAFF, TEAMS, CustomerSeed

# Ofcom keeps 020 7946 0000-0999 for drama, so these numbers can never ring a real person.
PHONE_PREFIX = "+44 20 7946 0"


def email_for(seed: CustomerSeed, domain: str) -> str:
    """first.last@domain in plain ASCII: "Nora O'Sullivan" becomes nora.osullivan@..."""
    if seed.email:
        return seed.email
    ascii_name = unicodedata.normalize("NFKD", seed.name).encode("ascii", "ignore").decode()
    local = ".".join("".join(ch for ch in part if ch.isalnum()) for part in ascii_name.split())
    return f"{local.lower()}@{domain}"


def create_teams() -> dict[str, Team]:
    return {
        seed.name: create_team(
            name=seed.name, description=seed.description, is_default=seed.is_default
        )
        for seed in TEAMS
    }


def create_staff(teams: dict[str, Team]) -> list[User]:
    return [
        create_user(
            email=seed.email,
            name=seed.name,
            role=seed.role,
            password=PASSWORD,
            teams=[teams[name] for name in seed.teams],
            timezone=seed.timezone,
        )
        for seed in STAFF
    ]


def create_customers() -> list[Customer]:
    """Every organisation with its members; the portal demo customer gets a password login."""
    customers: list[Customer] = []
    for organisation_seed in ORGANISATIONS:
        organisation = create_organisation(
            name=organisation_seed.name,
            domains=[organisation_seed.domain],
            members_see_each_other=organisation_seed.members_see_each_other,
            notes=organisation_seed.notes,
        )
        for seed in organisation_seed.members:
            # Every third customer has a phone number on file, as callers tend to.
            phone = f"{PHONE_PREFIX}{len(customers):03d}" if len(customers) % 3 == 0 else ""
            customer = create_customer(
                name=seed.name,
                email=email_for(seed, organisation_seed.domain),
                preferred_name=seed.preferred_name,
                phone=phone,
                organisation=organisation,
                tags=["vip"] if seed.is_vip else [],
                notes=seed.notes,
                is_vip=seed.is_vip,
            )
            if seed.portal_login:
                enable_portal_access(customer, password=PASSWORD)
            customers.append(customer)
    return customers
