"""What the tickets app announces to the apps above it (see ``caredesk/subscriptions.py``).

Events carry the rows as they are inside the publisher's transaction, already locked and saved.
"""

from dataclasses import dataclass
from datetime import datetime

from caredesk.customers.models import Customer
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Message, Ticket


@dataclass(frozen=True)
class TicketOpening:
    """About to open a ticket, published before its transaction begins: handlers may do slow,
    read-only work on the text here (nothing is written yet, nothing is locked), so the write
    transaction, which on SQLite holds the database's one write lock, stays short."""

    subject: str
    text: str
    actor: Actor


@dataclass(frozen=True)
class TicketOpened:
    ticket: Ticket
    # The message that opened it: handlers read it from here, not with a query each.
    message: Message
    actor: Actor
    at: datetime


@dataclass(frozen=True)
class MessageAdded:
    ticket: Ticket
    message: Message
    actor: Actor
    at: datetime


@dataclass(frozen=True)
class StatusChanged:
    ticket: Ticket
    previous: str
    actor: Actor
    at: datetime


@dataclass(frozen=True)
class TicketChanged:
    """Fields other than the status changed (priority, category, team...): policies may differ."""

    ticket: Ticket
    fields: tuple[str, ...]
    actor: Actor
    at: datetime


@dataclass(frozen=True)
class TicketsMerged:
    source: Ticket
    target: Ticket
    actor: Actor
    at: datetime


@dataclass(frozen=True)
class CustomersMerged:
    """A duplicate customer was merged: apps holding customer references move them to ``target``."""

    source: Customer
    target: Customer
    actor: Actor
    at: datetime
