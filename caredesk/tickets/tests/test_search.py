"""Search runs on whichever engine the suite runs on: SQLite FTS5 or PostgreSQL tsvector."""

import pytest

from caredesk.tickets import search
from caredesk.tickets.actors import Actor
from caredesk.tickets.selectors import TicketFilters, filter_tickets, tickets_visible_to
from caredesk.tickets.services.merge import merge_tickets, split_message
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tests.factories import make_ticket

HOSTILE_QUERIES = [
    '"',
    '""',
    "'",
    "NEAR(",
    "NEAR(a b, 2)",
    "*",
    "a*",
    "-",
    "-refund",
    "refund OR",
    "AND AND",
    "^",
    "{subject}: x",
    "subject:refund",
    "(",
    ")",
    "a & b | !c",
    "foo:*",
    "_",
    "\\",
    "%",
    "' OR 1=1 --",
    "'; DROP TABLE ticket_search; --",
    "\x00",
    "ünïcödé 東京 🙂",
    "ﷺ",
    "x" * 10_000,
    "word " * 2_000,
]


def found(user, query):
    queryset = filter_tickets(tickets_visible_to(user), TicketFilters(text=query), viewer=user)
    return sorted(queryset.values_list("pk", flat=True))


@pytest.fixture
def printer_ticket(customer, team):
    return make_ticket(customer, subject="Printer jammed", body="The paper tray squeaks")


def test_subject_words_match(printer_ticket, ticket, agent):
    assert found(agent, "printer") == [printer_ticket.pk]


def test_message_words_match_and_every_word_is_required(printer_ticket, ticket, agent):
    assert found(agent, "paper SQUEAKS") == [printer_ticket.pk]
    assert found(agent, "paper arrived") == []


def test_reply_words_are_indexed(ticket, agent):
    add_message(ticket, actor=Actor.of_user(agent), body="Courier delayed by snowstorm")

    assert found(agent, "snowstorm") == [ticket.pk]


def test_internal_note_words_match_for_staff_only(ticket, agent, customer_user):
    add_message(ticket, actor=Actor.of_user(agent), body="Suspected fraudster", is_public=False)

    assert found(agent, "fraudster") == [ticket.pk]
    assert found(customer_user, "fraudster") == []
    assert found(customer_user, "arrived") == [ticket.pk]


def test_subject_change_is_reindexed(ticket, agent):
    update_ticket(
        ticket, actor=Actor.of_user(agent), changes=TicketChanges(subject="Broken zipper")
    )

    assert found(agent, "zipper") == [ticket.pk]
    assert found(agent, "order") == []


def test_merge_moves_the_words_to_the_survivor(ticket, printer_ticket, agent):
    merge_tickets(printer_ticket, into=ticket, actor=Actor.of_user(agent))

    assert found(agent, "squeaks") == [ticket.pk]
    assert found(agent, "printer") == [printer_ticket.pk]


def test_split_moves_the_words_to_the_new_ticket(ticket, agent, customer_user):
    second = add_message(ticket, actor=Actor.of_user(customer_user), body="Separate gizmo question")

    new_ticket = split_message(second, actor=Actor.of_user(agent))

    assert found(agent, "gizmo") == [new_ticket.pk]
    assert found(agent, "arrived") == [ticket.pk]


def test_unicode_words_match(customer, team, agent):
    tokyo = make_ticket(customer, subject="Lieferung nach München", body="東京 office")

    assert found(agent, "münchen") == [tokyo.pk]


def test_query_without_words_does_not_filter(ticket, other_ticket, admin_user):
    assert found(admin_user, "?! ...") == sorted([ticket.pk, other_ticket.pk])


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_never_raise(ticket, agent, customer_user, query):
    for user in (agent, customer_user):
        assert found(user, query) in ([], [ticket.pk])


def test_at_most_twelve_words_are_used():
    assert search.tokens_of(" ".join(f"w{n}" for n in range(20))) == [f"w{n}" for n in range(12)]
