import pytest

from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import AuthorKind, LinkKind, TicketStatus
from caredesk.tickets.events import EventKind
from caredesk.tickets.models import TicketLink
from caredesk.tickets.services.links import link_tickets, solve_problem, unlink_tickets
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tests.factories import make_ticket


def test_link_records_an_event_on_both_tickets(ticket, other_ticket, agent):
    link = link_tickets(ticket, other_ticket, kind=LinkKind.RELATED, actor=Actor.of_user(agent))

    assert (link.source, link.target, link.kind) == (ticket, other_ticket, "related")
    assert ticket.events.get(kind=EventKind.LINKED).data == {
        "kind": "related",
        "role": "source",
        "ticket_id": other_ticket.pk,
    }
    assert other_ticket.events.get(kind=EventKind.LINKED).data == {
        "kind": "related",
        "role": "target",
        "ticket_id": ticket.pk,
    }


def test_the_same_link_twice_is_a_conflict(ticket, other_ticket, agent):
    link_tickets(ticket, other_ticket, kind=LinkKind.RELATED, actor=Actor.of_user(agent))

    with pytest.raises(Conflict):
        link_tickets(ticket, other_ticket, kind=LinkKind.RELATED, actor=Actor.of_user(agent))

    assert TicketLink.objects.count() == 1
    assert ticket.events.filter(kind=EventKind.LINKED).count() == 1


def test_linking_a_ticket_to_itself_is_refused(ticket, agent):
    with pytest.raises(ValidationFailed) as error:
        link_tickets(ticket, ticket, kind="related", actor=Actor.of_user(agent))

    assert error.value.field == "target"
    assert TicketLink.objects.count() == 0


def test_unknown_link_kind_is_refused(ticket, other_ticket, agent):
    with pytest.raises(ValidationFailed) as error:
        link_tickets(ticket, other_ticket, kind="cousin", actor=Actor.of_user(agent))

    assert error.value.field == "kind"
    assert TicketLink.objects.count() == 0


def test_customer_may_not_link(ticket, other_ticket, customer_user):
    with pytest.raises(PermissionDenied):
        link_tickets(ticket, other_ticket, kind="related", actor=Actor.of_user(customer_user))

    assert TicketLink.objects.count() == 0


def test_unlink_removes_the_link_and_says_so_on_both(ticket, other_ticket, agent):
    link = link_tickets(ticket, other_ticket, kind="related", actor=Actor.of_user(agent))

    unlink_tickets(link, actor=Actor.of_user(agent))

    assert TicketLink.objects.count() == 0
    assert ticket.events.get(kind=EventKind.UNLINKED).data == {
        "kind": "related",
        "ticket_id": other_ticket.pk,
    }
    assert other_ticket.events.filter(kind=EventKind.UNLINKED).count() == 1


def test_solve_problem_answers_and_solves_every_open_incident(
    ticket, other_ticket, customer, other_customer, agent, team
):
    problem = make_ticket(customer, subject="Outage", team=team)
    already_solved = make_ticket(other_customer, subject="Down too")
    update_ticket(
        already_solved, actor=Actor.of_user(agent), changes=TicketChanges(status="solved")
    )
    for incident in (ticket, other_ticket, already_solved):
        link_tickets(problem, incident, kind=LinkKind.PROBLEM_INCIDENT, actor=Actor.of_user(agent))

    solved = solve_problem(problem, actor=Actor.of_user(agent), reply_to_incidents="Fixed now.")

    assert [incident.pk for incident in solved] == [ticket.pk, other_ticket.pk]
    for incident in (ticket, other_ticket):
        incident.refresh_from_db()
        reply = incident.messages.order_by("id").last()
        assert (incident.status, reply.body_text, reply.author_kind, reply.is_public) == (
            TicketStatus.SOLVED,
            "Fixed now.",
            AuthorKind.AGENT,
            True,
        )
        assert incident.messages.count() == 2
    assert already_solved.messages.count() == 1
    problem.refresh_from_db()
    assert (problem.status, problem.messages.count()) == (TicketStatus.SOLVED, 1)


def test_solve_problem_ignores_other_link_kinds(ticket, customer, agent):
    problem = make_ticket(customer, subject="Outage")
    link_tickets(problem, ticket, kind=LinkKind.RELATED, actor=Actor.of_user(agent))

    solved = solve_problem(problem, actor=Actor.of_user(agent), reply_to_incidents="Fixed.")

    assert solved == []
    ticket.refresh_from_db()
    assert (ticket.status, ticket.messages.count()) == (TicketStatus.NEW, 1)


def test_customer_may_not_solve_a_problem(ticket, customer, customer_user, agent):
    problem = make_ticket(customer, subject="Outage")
    link_tickets(problem, ticket, kind=LinkKind.PROBLEM_INCIDENT, actor=Actor.of_user(agent))

    with pytest.raises(PermissionDenied):
        solve_problem(problem, actor=Actor.of_user(customer_user), reply_to_incidents="x")

    ticket.refresh_from_db()
    assert (ticket.status, ticket.messages.count()) == (TicketStatus.NEW, 1)
