"""The shape of a demo conversation: a kind of request, and the threads it can take."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Thread:
    """One coherent conversation, from the customer's first message to the answer that solves it.

    Texts use ``str.format`` fields filled per ticket by ``stories.ticket_facts``: {order},
    {invoice}, {amount}, {product}, {plan}, {carrier}, {days}, {device}, {company}. Greetings and
    sign-offs are added around them, so the customer's preferred name is in every agent reply.
    """

    subject: str
    opening: str  # the customer's first message
    question: str  # the agent needs something from the customer
    answer: str  # the customer supplies it
    note: str  # internal, never shown to the customer
    hold: str  # why the team waits on a third party; follows "Quick update: "
    resolution: str


@dataclass(frozen=True)
class Scenario:
    key: str
    category: str  # a slug of the default categories (tickets migration 0003)
    team: str
    tags: tuple[str, ...]
    threads: tuple[Thread, ...]
