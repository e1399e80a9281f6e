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


# An imbalanced history: one label holds 40 % of the rows, two are mid-sized and thirteen are rare
# (down to a single row). Most rows of the smaller labels also carry one of the big label's
# keywords, so a model without class weights drifts towards the big label.
IMBALANCED_SIZES = {
    "general": 160,
    "billing": 60,
    "shipping": 50,
    **{
        f"rare-{index}": size
        for index, size in enumerate([12, 10, 10, 8, 8, 6, 6, 5, 4, 3, 2, 1, 1])
    },
}


def imbalanced_rows(seed: int = 0) -> list[tuple[str, str]]:
    """(text, label) rows of made-up words, deterministic for a seed."""
    rng = random.Random(seed)

    def word() -> str:
        # Unrelated random words: shared prefixes would give labels shared character n-grams.
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7))

    noise = [word() for _ in range(150)]
    common = ["account", "help", "please", "issue", "order", "problem"]
    keywords = {label: [word(), word()] for label in IMBALANCED_SIZES}
    rows = []
    for label, size in IMBALANCED_SIZES.items():
        for _ in range(size):
            words = [*rng.sample(noise, 5), *rng.sample(common, 2), rng.choice(keywords[label])]
            if label != "general" and rng.random() < 0.8:
                words.append(rng.choice(keywords["general"]))
            rng.shuffle(words)
            rows.append((" ".join(words), label))
    rng.shuffle(rows)
    return rows
