"""The demo's automation rules, installed after the history is played so the past stays as it was
told; from then on they act on every change, and the worker sweeps the time automation."""

from caredesk.accounts.models import User
from caredesk.automation.rules.services.config import RuleChanges, create_rule

RULES = [
    RuleChanges(
        name="VIP requests are urgent",
        kind="event",
        events=["ticket_created"],
        conditions={"all": [{"field": "customer.vip", "operator": "is", "value": True}]},
        actions=[
            {"type": "set_priority", "priority": "urgent"},
            {"type": "add_tags", "tags": ["vip"]},
        ],
    ),
    RuleChanges(
        name="Frustrated customer: tell the supervisor",
        kind="event",
        events=["message_received"],
        conditions={
            "all": [
                {"field": "message.author", "operator": "is", "value": "customer"},
                {"field": "ticket.frustration", "operator": "gt", "value": 0.7},
            ]
        },
        actions=[
            {
                "type": "notify",
                "subject": "Ticket {{ticket.number}}: the customer is frustrated",
                "agents": ["supervisor@example.com"],
                "assignee": True,
            },
            {"type": "add_tags", "tags": ["frustrated"]},
        ],
    ),
    RuleChanges(
        name="Pending for 3 days: remind the customer",
        kind="time",
        events=[],
        conditions={
            "all": [
                {"field": "ticket.status", "operator": "is", "value": "pending"},
                {"field": "ticket.status_changed_at", "operator": "hours_since", "value": 72},
            ]
        },
        actions=[
            {
                "type": "send_reply",
                "body": "Hello {{customer.preferred_name}}, we are still waiting for your "
                "answer on request {{ticket.number}}. Reply to this message and we carry on.",
            }
        ],
    ),
]


def install_demo_rules(admin: User) -> int:
    for changes in RULES:
        create_rule(actor=admin, changes=changes)
    return len(RULES)
