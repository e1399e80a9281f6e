"""Who reacts to which domain event: the one list of cross-app reactions.

Handlers run inside the publishing service's transaction (see ``caredesk.core.bus``). Read this
file to learn what happens when a ticket opens, a message arrives or a status changes.
"""

from caredesk.accounts.domain_events import AvailabilityChanged
from caredesk.automation import placeholders
from caredesk.automation.routing import handlers as routing
from caredesk.automation.rules import facts as rule_facts
from caredesk.automation.rules import handlers as rules
from caredesk.channels.chat import handlers as chat
from caredesk.channels.email import handlers as email
from caredesk.channels.social import handlers as social
from caredesk.core.bus import subscribe
from caredesk.intelligence import handlers as intelligence
from caredesk.intelligence import selectors as intelligence_selectors
from caredesk.sla import handlers as sla
from caredesk.sla import selectors as sla_selectors
from caredesk.sla.calendars import is_open_at
from caredesk.sla.domain_events import DeadlinesReached
from caredesk.tickets import business_hours
from caredesk.tickets.domain_events import (
    CustomersMerged,
    MessageAdded,
    StatusChanged,
    TicketChanged,
    TicketOpened,
    TicketOpening,
    TicketsMerged,
)
from caredesk.tickets.models import Ticket


def connect() -> None:
    # Intelligence first: language, sentiment and the predicted category, team and priority are
    # on the ticket before its SLA clocks pick a policy.
    subscribe(TicketOpening, intelligence.before_ticket_opens)
    subscribe(TicketOpened, intelligence.on_ticket_opened)
    subscribe(MessageAdded, intelligence.on_message_added)
    # Rules on new tickets after intelligence (they see the predicted fields) and before the SLA
    # clocks (a rule that raises the priority changes the policy the clocks start on).
    subscribe(TicketOpened, rules.on_ticket_opened)
    # Routing: a new ticket goes to an agent of the team intelligence chose, with the reason on its
    # timeline; freed capacity and availability changes hand out waiting tickets or take them back.
    subscribe(TicketOpened, routing.on_ticket_opened)
    subscribe(StatusChanged, routing.on_status_changed)
    subscribe(TicketChanged, routing.on_ticket_changed)
    subscribe(AvailabilityChanged, routing.on_availability_changed)
    # Service levels: clocks start, pause, resume, stop and change policy with the ticket.
    subscribe(TicketOpened, sla.on_ticket_opened)
    subscribe(
        TicketOpened, sla.acknowledge_new_ticket
    )  # after the clocks: it quotes their due time
    subscribe(MessageAdded, sla.on_message_added)
    subscribe(StatusChanged, sla.on_status_changed)
    subscribe(StatusChanged, sla.on_status_changed_timers)
    subscribe(TicketChanged, sla.on_ticket_changed)
    subscribe(TicketsMerged, sla.on_tickets_merged)
    subscribe(DeadlinesReached, sla.on_deadlines_reached)
    subscribe(DeadlinesReached, _rules_on_deadlines)  # after the escalations the policy set
    # Email: the team's public replies on email tickets go out by email.
    subscribe(MessageAdded, email.on_message_added)
    # Live chat: every public message on a chat's ticket reaches the open chat.
    subscribe(MessageAdded, chat.broadcast_chat_message)
    # Social/API: the team's public replies on bridged tickets go back out through the bridge.
    subscribe(MessageAdded, social.on_message_added)
    subscribe(CustomersMerged, social.on_customers_merged)
    # Macros: {{sla.expected_reply}} quotes the SLA clocks, which automation may not import.
    placeholders.provide_expected_reply(sla_selectors.expected_reply)
    # Business hours: live chat asks the SLA calendars whether the team works now.
    business_hours.answer_with(is_open_at)
    # Rules on changes last: every other app has followed the change before a rule changes more.
    subscribe(TicketChanged, rules.on_ticket_changed)
    subscribe(StatusChanged, rules.on_status_changed)
    subscribe(MessageAdded, rules.on_message_added)
    rule_facts.provide_ticket_facts(_insight_facts)  # sentiment and frustration for conditions


def _rules_on_deadlines(event: DeadlinesReached) -> None:
    rules.on_sla_deadlines(
        [
            rules.SlaDeadline(
                ticket_id=reached.clock.ticket_id,
                trigger=reached.trigger,
                target=reached.clock.target,
                at=reached.at,
            )
            for reached in event.reached
        ]
    )


def _insight_facts(ticket: Ticket) -> dict[str, float]:
    """Rules may test the latest reading of the customer's mood."""
    insight = intelligence_selectors.latest_insight(ticket)
    if insight is None:
        return {}
    return {"ticket.sentiment": insight.sentiment, "ticket.frustration": insight.frustration}
