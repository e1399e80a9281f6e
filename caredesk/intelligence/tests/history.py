"""A small synthetic ticket history written for these tests (never the shared datasets)."""

import random

from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel, TicketStatus
from caredesk.tickets.models import Category, Ticket
from caredesk.tickets.services.open_ticket import open_ticket
from caredesk.tickets.services.update import TicketChanges, update_ticket

PHRASES = {
    "billing": [
        "my invoice shows the wrong amount",
        "I was charged twice for the subscription",
        "please refund the payment from last month",
        "the receipt has the wrong VAT number",
        "why did the price of my plan go up",
    ],
    "technical": [
        "the app crashes when I open settings",
        "I cannot log in, the password reset link is broken",
        "error 500 when I upload a file",
        "the page is very slow since the update",
        "sync stopped working on my phone",
    ],
    "service": [
        "my parcel has not been delivered yet",
        "I want to return the order I received",
        "can I change the delivery address of my order",
        "the courier left the package at the wrong door",
        "when will my booking be confirmed",
    ],
}
OPENINGS = ["Hello,", "Hi team,", "Good morning,", "Dear support,", ""]
CLOSINGS = ["Thanks.", "Regards, Sam", "Best wishes", "Cheers", ""]


def synthetic_rows(per_label: int = 20, seed: int = 1) -> list[tuple[str, str, str]]:
    """(subject, body, category slug) rows, deterministic for a seed."""
    rng = random.Random(seed)
    rows = []
    for slug, phrases in PHRASES.items():
        for number in range(per_label):
            phrase = rng.choice(phrases)
            body = f"{rng.choice(OPENINGS)} {phrase}. Order {rng.randint(100, 999)}. {rng.choice(CLOSINGS)}"
            rows.append((phrase.capitalize()[:60], body.strip(), slug))
            del number
    rng.shuffle(rows)
    return rows


def solved_history(customer, *, per_label: int = 20, seed: int = 1) -> list[Ticket]:
    system = Actor.system()
    categories = {category.slug: category for category in Category.objects.all()}
    tickets = []
    for subject, body, slug in synthetic_rows(per_label, seed):
        ticket = open_ticket(
            requester=customer,
            actor=system,
            subject=subject,
            body=body,
            channel=Channel.API,
            category=categories[slug],
        )
        tickets.append(
            update_ticket(ticket, actor=system, changes=TicketChanges(status=TicketStatus.SOLVED))
        )
    return tickets
