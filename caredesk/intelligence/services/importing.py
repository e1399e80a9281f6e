"""Loading an exported ticket history as solved tickets, through the ticket services.

Each row becomes a ticket opened by the system (no acknowledgement goes to anyone, no classifier
overrides the history's labels) and solved at once. A row is recognised on a second import by its
key column, or by a hash of its mapped cells, so importing a file twice changes nothing.
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from caredesk.accounts.models import Team
from caredesk.accounts.services.users import create_team
from caredesk.customers.models import Customer
from caredesk.customers.services.customers import create_customer, resolve_customer_by_email
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import PRIORITY_BY_NAME, Channel, Priority, TicketStatus
from caredesk.tickets.models import Category
from caredesk.tickets.services.message_rows import find_by_external_id
from caredesk.tickets.services.open_ticket import open_ticket
from caredesk.tickets.services.update import TicketChanges, update_ticket

FIELDS = ("subject", "body", "team", "category", "priority", "email", "key")
IMPORTED_CUSTOMER = "Imported history"
SUBJECT_LENGTH = 120


@dataclass
class ImportResult:
    created: int = 0
    already_imported: int = 0
    skipped_empty: int = 0


def parse_mapping(value: str) -> dict[str, str]:
    """``subject=Title,body=Description,team=Queue`` -> {field: column}."""
    mapping: dict[str, str] = {}
    for pair in value.split(","):
        name, _, column = pair.partition("=")
        name, column = name.strip(), column.strip()
        if name not in FIELDS or not column:
            raise ValueError(f"Map fields as field=Column; fields are {', '.join(FIELDS)}.")
        mapping[name] = column
    if "body" not in mapping and "subject" not in mapping:
        raise ValueError("Map at least subject= or body=.")
    return mapping


def row_key(row: Mapping[str, str], mapping: Mapping[str, str]) -> str:
    if "key" in mapping and row[mapping["key"]].strip():
        return row[mapping["key"]].strip()[:200]
    cells = "\x1f".join(f"{field}={row[column]}" for field, column in sorted(mapping.items()))
    return hashlib.sha256(cells.encode()).hexdigest()[:40]


def _team(name: str) -> Team | None:
    if not name:
        return None
    team = (
        Team.objects.filter(name__iexact=name).first()
        or Team.objects.filter(slug=slugify(name)).first()
    )
    return team or create_team(name=name)


def _category(name: str) -> Category | None:
    if not name:
        return None
    slug = slugify(name)[:50] or "category"
    # The operator running the import is trusted; the history's categories join the admin list.
    category, _ = Category.objects.get_or_create(slug=slug, defaults={"name": name[:100]})
    return category


def _customer(email: str) -> Customer:
    if email and "@" in email:
        return resolve_customer_by_email(email)
    customer = Customer.objects.filter(name=IMPORTED_CUSTOMER, email="").first()
    return customer or create_customer(name=IMPORTED_CUSTOMER)


def import_row(row: Mapping[str, str], mapping: Mapping[str, str]) -> str:
    """'created', 'already imported' or 'empty'."""
    value = {field: row[column].strip() for field, column in mapping.items()}
    body = value.get("body", "") or value.get("subject", "")
    if not body:
        return "empty"
    external_id = f"import:{row_key(row, mapping)}"
    if find_by_external_id(Channel.API, external_id) is not None:
        return "already imported"
    subject = value.get("subject") or " ".join(body.split())[:SUBJECT_LENGTH]
    system = Actor.system()
    with transaction.atomic():
        ticket = open_ticket(
            requester=_customer(value.get("email", "")),
            actor=system,
            subject=subject[:300],
            body=body,
            channel=Channel.API,
            priority=PRIORITY_BY_NAME.get(value.get("priority", "").lower(), Priority.NORMAL),
            category=_category(value.get("category", "")),
            team=_team(value.get("team", "")),
            external_id=external_id,
        )
        update_ticket(ticket, actor=system, changes=TicketChanges(status=TicketStatus.SOLVED))
    return "created"


def import_tickets(rows: list[dict[str, str]], mapping: Mapping[str, str]) -> ImportResult:
    result = ImportResult()
    for row in rows:
        outcome = import_row(row, mapping)
        if outcome == "created":
            result.created += 1
        elif outcome == "already imported":
            result.already_imported += 1
        else:
            result.skipped_empty += 1
    return result
