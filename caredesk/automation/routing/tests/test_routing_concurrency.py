"""Round robin stays fair, and nobody passes their capacity, when tickets are routed at once.

On PostgreSQL, three threads route 24 tickets of one team (8 each, the default capacity), each
in its own transaction. Without the lock on the team's routing row this fails: two picks read
the same cursor and load."""

import threading

import pytest
from django.apps import apps
from django.db import connection, connections

from caredesk.accounts.services.agent_profiles import set_availability
from caredesk.accounts.tests.factories import UserFactory
from caredesk.automation.models import RoutingPolicy
from caredesk.automation.routing.services.assignment import route_ticket
from caredesk.automation.routing.services.policies import RoutingChanges, set_routing_policy
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Ticket
from caredesk.tickets.tests.factories import make_ticket

TICKETS = 24
ALL_APPS = [config.name for config in apps.get_app_configs()]


# It commits, so the database is flushed after it (``available_apps`` makes that cascade into the
# raw search table) and migration-made rows go too: ``make test`` runs it in the isolated pass.
@pytest.mark.flushes_database
@pytest.mark.django_db(transaction=True, available_apps=ALL_APPS)
def test_concurrent_round_robin_takes_turns(team, supervisor, customer):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections are what this proves; SQLite has one writer")
    agents = [UserFactory(name=f"Agent {n}", teams=[team]) for n in range(3)]
    for agent in agents:
        set_availability(agent, availability="online")
    tickets = [make_ticket(customer, team=team) for _ in range(TICKETS)]
    set_routing_policy(team, actor=supervisor, changes=RoutingChanges(mode="round_robin"))
    start = threading.Barrier(3)
    failures: list[BaseException] = []

    def route(ticket_ids):
        try:
            start.wait()
            for ticket_id in ticket_ids:
                route_ticket(Ticket(pk=ticket_id), actor=Actor.system())
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failures.append(error)
        finally:
            connections.close_all()

    ids = [ticket.pk for ticket in tickets]
    threads = [threading.Thread(target=route, args=(ids[n::3],)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failures == []
    per_agent = [Ticket.objects.filter(assignee=agent).count() for agent in agents]
    assert per_agent == [TICKETS // 3] * 3
    assert Ticket.objects.filter(assignee__isnull=True).count() == 0
    assert RoutingPolicy.objects.get(pk=team.pk).last_assigned_id is not None
