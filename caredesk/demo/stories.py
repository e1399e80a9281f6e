"""Playing one demo ticket's life through the ticket services, each step at its own past moment.

Every write goes through a service inside ``clock.pinned``, so messages, timeline events, status
timestamps and the search index look as if the conversation really happened on those days.
"""

import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from caredesk.accounts.models import Team, User
from caredesk.core import clock
from caredesk.customers.models import Customer
from caredesk.demo import phrases
from caredesk.demo.plans import TicketPlan
from caredesk.demo.scenarios import OUTAGE
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel, LinkKind, Priority, TicketStatus
from caredesk.tickets.models import Category, Ticket
from caredesk.tickets.services.links import link_tickets
from caredesk.tickets.services.merge import merge_tickets
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.open_ticket import open_ticket
from caredesk.tickets.services.update import TicketChanges, update_ticket

PRODUCTS = (
    "Aura smart thermostat",
    "Glow desk lamp",
    "Halo motion sensor",
    "Nimbus air purifier",
    "Pulse smart plug",
)
SUBSCRIPTIONS = ("Brightside Plus monthly plan", "Brightside Plus annual plan")
CARRIERS = ("ParcelPoint", "SwiftShip", "Northline Express")
DEVICES = ("iPhone", "Pixel phone", "Galaxy tablet", "iPad")
PRICES = ("19.99", "24.00", "49.99", "89.00", "129.50", "249.00")

# Chat and phone customers wait on the line: answers come within minutes, not hours.
LIVE_CHANNELS = frozenset({Channel.CHAT, Channel.PHONE})
LIVE_PACE = 0.05
# Forms (web, in-app through the API, the pre-chat form) ask for the category up front.
FORM_CHANNELS = frozenset({Channel.WEB, Channel.API, Channel.CHAT})
RELATED_WITHIN = timedelta(days=14)
NOW_MARGIN = timedelta(minutes=1)
MINUTES_PER_DAY = 24 * 60


@dataclass
class Desk:
    """What every story shares: the staff, the categories, and tickets opened so far."""

    now: datetime
    teams: dict[str, Team]
    agents_by_team: dict[str, list[User]]
    supervisor: User
    categories: dict[str, Category]
    earlier_tickets: dict[tuple[int, str], Ticket] = field(default_factory=dict)
    outage_problem: Ticket | None = None


def ticket_facts(rng: random.Random, requester: Customer) -> dict[str, str]:
    organisation = requester.organisation
    return {
        "order": f"BH-{rng.randint(100000, 999999)}",
        "invoice": f"INV-{rng.randint(10000, 99999)}",
        "amount": f"${rng.choice(PRICES)}",
        "product": rng.choice(PRODUCTS),
        "plan": rng.choice(SUBSCRIPTIONS),
        "carrier": rng.choice(CARRIERS),
        "days": str(rng.randint(3, 12)),
        "device": rng.choice(DEVICES),
        "company": organisation.name if organisation else requester.name,
    }


class Story:
    def __init__(self, plan: TicketPlan, desk: Desk, rng: random.Random) -> None:
        self.plan = plan
        self.desk = desk
        self.rng = rng
        self.moment = plan.opened_at
        self.customer = plan.requester
        self.customer_actor = Actor.of_customer(plan.requester)
        self.facts = ticket_facts(rng, plan.requester)
        self.thread = rng.choice(plan.scenario.threads)
        self.team = desk.teams[plan.scenario.team]
        self.category = desk.categories.get(plan.scenario.category)
        self.assignee = rng.choice(desk.agents_by_team[plan.scenario.team])
        self.agent = Actor.of_user(self.assignee)
        # A phone call is written down by the agent who took it; the rest goes by email.
        self.reply_channel = Channel.EMAIL if plan.channel == Channel.PHONE else plan.channel
        self.pace = LIVE_PACE if plan.channel in LIVE_CHANNELS else 1.0

    def fill(self, template: str) -> str:
        return template.format(**self.facts)

    def pick(self, templates: Sequence[str]) -> str:
        return self.fill(self.rng.choice(templates))

    @contextmanager
    def after(self, low: float, high: float, *, paced: bool = True) -> Iterator[None]:
        """Move the story's clock on by ``low``..``high`` minutes, and run the block then.

        A gap that would pass the present is halved instead, so recent tickets stay in the past
        and their steps keep their order.
        """
        gap = timedelta(minutes=self.rng.uniform(low, high) * (self.pace if paced else 1.0))
        latest = self.desk.now - NOW_MARGIN
        if self.moment + gap > latest:
            gap = max((latest - self.moment) / 2, timedelta(0))
        self.moment += gap
        with clock.pinned(self.moment):
            yield

    def play(self) -> Ticket:
        ticket = self.open()
        if self.plan.status == TicketStatus.NEW:
            if self.rng.random() < 0.3:
                self.customer_says(ticket, self.pick(phrases.NUDGES), low=60, high=600)
            return ticket
        duplicate = self.open_duplicate(ticket) if self.plan.has_duplicate else None
        ticket = self.triage(ticket)
        if duplicate is not None:
            with self.after(2, 20, paced=False):
                merge_tickets(duplicate, into=ticket, actor=self.agent)
            self.note(ticket, self.pick(phrases.MERGE_NOTES))
        self.link(ticket)
        FINISHERS[self.plan.status](self, ticket)
        self.desk.earlier_tickets[(self.customer.pk, self.plan.scenario.key)] = ticket
        return ticket

    def open(self) -> Ticket:
        plan = self.plan
        by_form = plan.channel in FORM_CHANNELS
        opening = self.fill(self.thread.opening)
        if plan.channel == Channel.PHONE:
            actor = self.agent
            body = phrases.PHONE_OPENING.format(name=self.customer.name, body=opening)
        else:
            actor = self.customer_actor
            body = phrases.customer_message(
                self.rng, opening, customer=self.customer, channel=plan.channel
            )
        with clock.pinned(self.moment):
            return open_ticket(
                requester=self.customer,
                actor=actor,
                subject=self.fill(self.thread.subject),
                body=body,
                channel=plan.channel,
                priority=plan.priority if by_form else Priority.NORMAL,
                category=self.category if by_form else None,
                tags=plan.scenario.tags if by_form else (),
                team=self.team if plan.channel == Channel.PHONE else None,
                assignee=self.assignee if plan.channel == Channel.PHONE else None,
            )

    def open_duplicate(self, ticket: Ticket) -> Ticket:
        channel = self.rng.choice((Channel.CHAT, Channel.SOCIAL))
        body = self.rng.choice(phrases.DUPLICATE_OPENINGS).format(subject=ticket.subject)
        with self.after(15, 90, paced=False):
            return open_ticket(
                requester=self.customer,
                actor=self.customer_actor,
                subject=ticket.subject,
                body=body,
                channel=channel,
            )

    def triage(self, ticket: Ticket) -> Ticket:
        """Route, categorise and assign: a supervisor triages some tickets, the agent most."""
        triager = Actor.of_user(self.desk.supervisor) if self.rng.random() < 0.3 else self.agent
        tags = [*self.plan.scenario.tags, *(["vip"] if self.customer.is_vip else [])]
        changes = TicketChanges(
            team=self.team,
            assignee=self.assignee,
            category=self.category,
            priority=self.plan.priority,
            tags=tags,
        )
        with self.after(5, 120):
            return update_ticket(ticket, actor=triager, changes=changes)

    def link(self, ticket: Ticket) -> None:
        if self.plan.scenario is OUTAGE:
            problem = self.desk.outage_problem
            if problem is None:
                self.desk.outage_problem = ticket
                return
            with self.after(1, 15, paced=False):
                link_tickets(problem, ticket, kind=LinkKind.PROBLEM_INCIDENT, actor=self.agent)
            self.note(ticket, self.pick(phrases.PROBLEM_NOTES))
            return
        earlier = self.desk.earlier_tickets.get((self.customer.pk, self.plan.scenario.key))
        if earlier is not None and ticket.created_at - earlier.created_at < RELATED_WITHIN:
            with self.after(1, 15, paced=False):
                link_tickets(earlier, ticket, kind=LinkKind.RELATED, actor=self.agent)

    def agent_says(
        self,
        ticket: Ticket,
        body: str,
        *,
        status: str | None = None,
        low: float = 10,
        high: float = 300,
    ) -> None:
        text = phrases.agent_message(
            self.rng,
            body,
            customer=self.customer,
            agent_name=self.assignee.name,
            channel=self.reply_channel,
        )
        with self.after(low, high):
            add_message(
                ticket, actor=self.agent, body=text, channel=self.reply_channel, status=status
            )

    def customer_says(
        self, ticket: Ticket, body: str, *, low: float = 30, high: float = MINUTES_PER_DAY
    ) -> None:
        text = phrases.customer_message(
            self.rng, body, customer=self.customer, channel=self.reply_channel
        )
        with self.after(low, high):
            add_message(ticket, actor=self.customer_actor, body=text, channel=self.reply_channel)

    def note(self, ticket: Ticket, body: str, *, actor: Actor | None = None) -> None:
        with self.after(2, 60):
            add_message(ticket, actor=actor or self.agent, body=body, is_public=False)

    def ask_and_hear_back(self, ticket: Ticket) -> None:
        self.agent_says(ticket, self.fill(self.thread.question), status=TicketStatus.PENDING)
        self.customer_says(ticket, self.fill(self.thread.answer))

    def maybe_escalate_or_hand_over(self, ticket: Ticket) -> None:
        roll = self.rng.random()
        if roll < 0.1 and self.plan.priority < Priority.URGENT:
            supervisor = Actor.of_user(self.desk.supervisor)
            self.note(ticket, self.pick(phrases.ESCALATIONS), actor=supervisor)
            with self.after(1, 5, paced=False):
                raised = Priority(self.plan.priority + 1)
                update_ticket(ticket, actor=supervisor, changes=TicketChanges(priority=raised))
        elif roll < 0.16:
            colleagues = [
                user
                for user in self.desk.agents_by_team[self.plan.scenario.team]
                if user != self.assignee
            ]
            colleague = self.rng.choice(colleagues)
            handover = self.rng.choice(phrases.HANDOVERS).format(colleague=colleague.name)
            self.note(ticket, handover)
            with self.after(1, 5, paced=False):
                update_ticket(ticket, actor=self.agent, changes=TicketChanges(assignee=colleague))
            self.assignee = colleague
            self.agent = Actor.of_user(colleague)

    def finish_open(self, ticket: Ticket) -> None:
        """The team owes an answer: the customer replied to a question, or was only greeted."""
        if self.rng.random() < 0.6:
            self.ask_and_hear_back(ticket)
        else:
            self.agent_says(ticket, self.pick(phrases.ACKNOWLEDGEMENTS))
        self.maybe_escalate_or_hand_over(ticket)
        if self.rng.random() < 0.5:
            self.note(ticket, self.fill(self.thread.note))

    def finish_pending(self, ticket: Ticket) -> None:
        if self.rng.random() < 0.3:
            self.note(ticket, self.fill(self.thread.note))
        self.agent_says(ticket, self.fill(self.thread.question), status=TicketStatus.PENDING)

    def finish_on_hold(self, ticket: Ticket) -> None:
        self.agent_says(ticket, self.pick(phrases.ACKNOWLEDGEMENTS))
        self.note(ticket, self.fill(self.thread.note))
        hold = "Quick update: " + self.fill(self.thread.hold)
        self.agent_says(ticket, hold, status=TicketStatus.ON_HOLD)

    def finish_solved(self, ticket: Ticket) -> None:
        if self.rng.random() < 0.6:
            self.ask_and_hear_back(ticket)
            if self.rng.random() < 0.4:
                self.note(ticket, self.fill(self.thread.note))
        self.maybe_escalate_or_hand_over(ticket)
        resolution = self.fill(self.thread.resolution)
        self.agent_says(ticket, resolution, status=TicketStatus.SOLVED)

    def finish_closed(self, ticket: Ticket) -> None:
        self.finish_solved(ticket)
        if self.rng.random() < 0.15:
            self.customer_says(
                ticket, self.pick(phrases.REOPENINGS), low=120, high=2 * MINUTES_PER_DAY
            )
            second = self.pick(phrases.SECOND_RESOLUTIONS)
            self.agent_says(ticket, second, status=TicketStatus.SOLVED)
        # Solved tickets close after a few quiet days; the assignee stands in for the automation.
        with self.after(3 * MINUTES_PER_DAY, 5 * MINUTES_PER_DAY, paced=False):
            close = TicketChanges(status=TicketStatus.CLOSED)
            update_ticket(ticket, actor=self.agent, changes=close)


FINISHERS: dict[str, Callable[[Story, Ticket], None]] = {
    TicketStatus.OPEN: Story.finish_open,
    TicketStatus.PENDING: Story.finish_pending,
    TicketStatus.ON_HOLD: Story.finish_on_hold,
    TicketStatus.SOLVED: Story.finish_solved,
    TicketStatus.CLOSED: Story.finish_closed,
}
