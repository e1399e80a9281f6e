"""Who reacts to which domain event: the one list of cross-app reactions.

Some handlers run inside the publishing service's transaction, the rest after its commit, in the
order ``REACTIONS`` declares (see ``caredesk.core.bus``). Read this file to learn what happens
when a ticket opens, a message arrives or a status changes.
"""

from caredesk.accounts.domain_events import AvailabilityChanged
from caredesk.automation import placeholders
from caredesk.automation.routing import handlers as routing
from caredesk.automation.rules import facts as rule_facts
from caredesk.automation.rules import handlers as rules
from caredesk.channels.chat import handlers as chat
from caredesk.channels.email import handlers as email
from caredesk.channels.social import handlers as social
from caredesk.core.bus import Handler, subscribe
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
    _in_the_transaction()
    _after_the_commit()
    # Macros: {{sla.expected_reply}} quotes the SLA clocks, which automation may not import.
    placeholders.provide_expected_reply(sla_selectors.expected_reply)
    # Business hours: live chat asks the SLA calendars whether the team works now.
    business_hours.answer_with(is_open_at)
    rule_facts.provide_ticket_facts(_insight_facts)  # sentiment and frustration for conditions


def _in_the_transaction() -> None:
    """What commits or rolls back with the change: clock rows, outbox rows, broadcasts (which
    themselves wait for the commit)."""
    # Before the opening transaction: slow, read-only work on the text, kept for the reaction.
    subscribe(TicketOpening, intelligence.before_ticket_opens)
    # Service levels: clocks start, pause, resume, stop and change policy with the ticket.
    subscribe(TicketOpened, sla.on_ticket_opened)
    subscribe(MessageAdded, sla.on_message_added)
    subscribe(StatusChanged, sla.on_status_changed)
    subscribe(StatusChanged, sla.on_status_changed_timers)
    subscribe(TicketChanged, sla.on_ticket_changed)
    subscribe(TicketsMerged, sla.on_tickets_merged)
    subscribe(DeadlinesReached, sla.on_deadlines_reached)
    # Email and social: the team's public replies are queued for sending with the message.
    subscribe(MessageAdded, email.on_message_added)
    subscribe(MessageAdded, social.on_message_added)
    subscribe(CustomersMerged, social.on_customers_merged)
    # Live chat: every public message on a chat's ticket reaches the open chat.
    subscribe(MessageAdded, chat.broadcast_chat_message)


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


# After the commit, in this order for each event: each reaction reads the ticket as the ones
# before it left it. Triage first (language, category, team, priority), then the rules (they see
# the triaged fields), then routing (to the team triage or a rule chose), then the acknowledgement
# (it quotes the due time of the policy those fields selected).
REACTIONS: list[tuple[type, list[Handler]]] = [
    (
        TicketOpened,
        [
            intelligence.on_ticket_opened,
            rules.on_ticket_opened,
            routing.on_ticket_opened,
            sla.acknowledge_new_ticket,
        ],
    ),
    (MessageAdded, [intelligence.on_message_added, rules.on_message_added]),
    (StatusChanged, [routing.on_status_changed, rules.on_status_changed]),
    (TicketChanged, [routing.on_ticket_changed, rules.on_ticket_changed]),
    (AvailabilityChanged, [routing.on_availability_changed]),
    (DeadlinesReached, [_rules_on_deadlines]),
]


def _after_the_commit() -> None:
    for event_type, handlers in REACTIONS:
        for handler in handlers:
            subscribe(event_type, handler, after_commit=True)
