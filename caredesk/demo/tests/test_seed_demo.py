"""``caredesk seed_demo``: one test loads the demo once (it takes seconds, more on PostgreSQL).

Each ``check_`` function below reads one aspect of the loaded demo; a test per aspect would load
it again in every xdist worker that runs one of them.
"""

from datetime import timedelta
from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count
from django.test import RequestFactory

from caredesk.accounts.choices import Role
from caredesk.accounts.models import Notification, Team, User
from caredesk.automation.models import ApprovalRequest, Macro
from caredesk.core import clock
from caredesk.customers.models import Customer, Organisation
from caredesk.demo.people import ADMIN_EMAIL, AGENT_EMAIL, PORTAL_EMAIL, SUPERVISOR_EMAIL
from caredesk.sla.models import TicketClock
from caredesk.tickets import search
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import AuthorKind, Channel, LinkKind, Priority, TicketStatus
from caredesk.tickets.events import EventKind
from caredesk.tickets.models import Category, Message, Ticket, TicketEvent, TicketLink
from caredesk.tickets.services.open_ticket import open_ticket

GREETINGS_FOR_ALEX = ("Hi Alex", "Hello Alex", "Dear Alex")
DEMO_CHANNELS = {
    Channel.EMAIL,
    Channel.WEB,
    Channel.CHAT,
    Channel.PHONE,
    Channel.SOCIAL,
    Channel.API,
}


def counts() -> dict[str, int]:
    return {
        "teams": Team.objects.count(),
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "customers": Customer.objects.count(),
        "tickets": Ticket.objects.count(),
        "messages": Message.objects.count(),
        "events": TicketEvent.objects.count(),
    }


def check_directory() -> None:
    staff_roles = dict(
        User.objects.exclude(role=Role.CUSTOMER)
        .values_list("role")
        .annotate(n=Count("id"))
        .order_by()
    )
    assert {team.name: team.is_default for team in Team.objects.all()} == {
        "Billing": False,
        "Support": True,
        "Technical": False,
    }
    assert staff_roles == {Role.ADMIN: 1, Role.SUPERVISOR: 1, Role.AGENT: 6}
    assert not User.objects.exclude(role=Role.CUSTOMER).filter(teams=None).exists()
    assert Customer.objects.count() == 50
    assert Organisation.objects.count() == 10
    assert not Customer.objects.filter(organisation=None).exists()
    assert not Organisation.objects.filter(domains=None).exists()
    assert Organisation.objects.filter(members_see_each_other=True).count() == 1
    assert Customer.objects.filter(is_vip=True).count() == 1


def check_logins() -> None:
    request = RequestFactory().post("/login/")
    for email, role in (
        (ADMIN_EMAIL, Role.ADMIN),
        (SUPERVISOR_EMAIL, Role.SUPERVISOR),
        (AGENT_EMAIL, Role.AGENT),
        (PORTAL_EMAIL, Role.CUSTOMER),
    ):
        user = authenticate(request, username=email, password="caredesk")
        assert user is not None, email
        assert user.role == role
    portal_customer = Customer.objects.get(email=PORTAL_EMAIL)
    assert portal_customer.preferred_name == "Alex"
    assert portal_customer.user is not None
    assert portal_customer.organisation.members_see_each_other
    assert portal_customer.tickets.count() >= 5


def check_tickets() -> None:
    tickets = Ticket.objects.all()
    categories = set(tickets.exclude(category=None).values_list("category", flat=True))
    assert tickets.count() == 300
    assert set(tickets.values_list("status", flat=True)) == set(TicketStatus.values)
    assert set(tickets.values_list("channel", flat=True)) == DEMO_CHANNELS
    assert set(tickets.values_list("priority", flat=True)) == set(Priority.values)
    assert categories == set(Category.objects.values_list("id", flat=True))
    assert len(categories) == 6


def check_history_spans_ninety_days() -> None:
    now = clock.now()
    oldest = Ticket.objects.earliest("created_at").created_at
    newest = Ticket.objects.latest("created_at").created_at
    assert now - timedelta(days=90) <= oldest <= now - timedelta(days=85)
    assert newest >= now - timedelta(days=1)
    assert not Message.objects.filter(created_at__gt=now).exists()
    assert not TicketEvent.objects.filter(created_at__gt=now).exists()


def check_conversations() -> None:
    created = TicketEvent.objects.filter(kind=EventKind.CREATED)
    without_messages = Ticket.objects.annotate(n=Count("messages")).filter(n=0)
    assert created.count() == 300
    assert created.values("ticket").distinct().count() == 300
    # A merge moves the duplicate's messages into the surviving ticket, leaving it empty.
    assert set(without_messages) == set(Ticket.objects.exclude(merged_into=None))
    assert Message.objects.filter(is_public=False).exists()
    assert Ticket.objects.annotate(n=Count("messages")).filter(n__gte=3).count() >= 150
    replies = Message.objects.filter(
        ticket__requester__email=PORTAL_EMAIL, author_kind=AuthorKind.AGENT, is_public=True
    ).exclude(channel=Channel.PHONE)
    assert replies.exists()
    assert all(reply.body_text.startswith(GREETINGS_FOR_ALEX) for reply in replies)
    refunds = search.matching_ticket_ids("refund", include_internal=False)
    assert Ticket.objects.filter(pk__in=refunds).count() >= 5


def check_merges_links_and_tags() -> None:
    merged = Ticket.objects.exclude(merged_into=None)
    assert merged.count() == 4
    assert set(merged.values_list("status", flat=True)) == {TicketStatus.CLOSED}
    assert TicketLink.objects.filter(kind=LinkKind.PROBLEM_INCIDENT).count() == 4
    assert TicketLink.objects.filter(kind=LinkKind.RELATED).exists()
    assert TicketEvent.objects.filter(kind=EventKind.REOPENED).exists()
    assert Ticket.objects.filter(tags__name="vip").exists()
    assert Ticket.objects.filter(tags=None).count() < 50


def check_output(output: str) -> None:
    assert "Loaded the demo" in output
    for email in (ADMIN_EMAIL, SUPERVISOR_EMAIL, AGENT_EMAIL, PORTAL_EMAIL):
        assert email in output
    assert "'caredesk'" in output
    assert "http://" in output


def check_service_levels_and_approvals() -> None:
    running = TicketClock.objects.filter(state="running")
    assert running.filter(breached_at=None).exists(), "some countdowns still run"
    assert running.exclude(breached_at=None).exists(), "some tickets are breached"
    assert TicketEvent.objects.filter(kind="sla.breached").exists()
    assert Message.objects.filter(
        author_kind=AuthorKind.SYSTEM, ticket__channel=Channel.EMAIL
    ).exists()
    assert ApprovalRequest.objects.filter(state="pending").count() == 2
    assert Notification.objects.filter(user__email=SUPERVISOR_EMAIL).exists()


def check_macros() -> None:
    languages = {
        macro.name: sorted(macro.translations.values_list("language", flat=True))
        for macro in Macro.objects.all()
    }
    assert languages == {
        "Refund processed": ["de", "en", "es"],
        "Need more information": ["de", "en", "es"],
        "Password reset": ["de", "en", "es"],
        "Invoice corrected": ["en"],
        "Escalated to engineering": ["en"],
    }
    assert sorted(Macro.objects.exclude(team=None).values_list("team__name", flat=True)) == [
        "Billing",
        "Technical",
    ]


def check_a_new_ticket_is_routed() -> None:
    customer = Customer.objects.get(email=PORTAL_EMAIL)
    ticket = open_ticket(
        requester=customer,
        actor=Actor.of_customer(customer),
        subject="Lieferung fehlt",
        body="Guten Tag, meine Bestellung ist seit zwei Wochen nicht angekommen. Wo ist sie?",
    )

    ticket.refresh_from_db()
    assert ticket.assignee.name == "Lena Fischer"
    event = TicketEvent.objects.get(ticket=ticket, kind="routing.assigned")
    assert event.data["summary"].startswith("assigned to Lena Fischer: speaks de")


def test_seed_demo_loads_the_whole_demo_once(db):
    first, second = StringIO(), StringIO()

    call_command("seed_demo", stdout=first)
    loaded = counts()
    call_command("seed_demo", stdout=second)

    check_directory()
    check_logins()
    check_tickets()
    check_history_spans_ninety_days()
    check_conversations()
    check_merges_links_and_tags()
    check_service_levels_and_approvals()
    check_macros()
    check_output(first.getvalue())
    assert counts() == loaded
    assert "already loaded" in second.getvalue()
    assert PORTAL_EMAIL in second.getvalue()
    check_a_new_ticket_is_routed()
