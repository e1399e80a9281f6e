"""Carrying out a rule's actions through the ticket services, as the rule.

Field changes go through one ``update_ticket`` call, notes and replies through ``add_message``,
so each lands on the timeline with the rule's name (``Actor.for_rule``) and publishes the usual
domain events, which the loop guard in ``services/rules.py`` follows.
"""

from typing import Any

from caredesk.accounts.models import User
from caredesk.accounts.services.notifications import notify
from caredesk.automation.choices import RuleEventKind
from caredesk.automation.models import Rule
from caredesk.automation.placeholders import render_placeholders
from caredesk.automation.rules.actions import resolve_agent, resolve_category, resolve_team
from caredesk.automation.rules.services.webhooks import queue_webhook
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import PRIORITY_BY_NAME
from caredesk.tickets.events import record_event
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tagging import normalise_tags

FIELD_ACTIONS = frozenset(
    {"set_status", "set_priority", "set_team", "set_category", "assign", "add_tags", "remove_tags"}
)


def carry_out(rule: Rule, ticket: Ticket, *, event: str) -> list[str]:
    """Take ``rule``'s actions on ``ticket`` and record that it fired; what was done, in words.

    Call inside a transaction; a ``DomainError`` (a team deleted since the rule was saved, a status
    the ticket cannot move to) undoes the caller's savepoint.
    """
    actor = Actor.for_rule(rule.name)
    # Recorded first, so the timeline shows the rule before the changes it made (and before any
    # rule those changes fired in turn); what was done is filled in at the end.
    fired = record_event(
        ticket, RuleEventKind.FIRED, actor=actor, data={"rule_id": rule.pk, "event": event}
    )
    done: list[str] = []
    changes = _field_changes(rule.actions, ticket, done)
    if changes is not None:
        update_ticket(ticket, actor=actor, changes=changes)
    for index, action in enumerate(rule.actions):
        kind = action["type"]
        if kind == "add_note":
            add_message(ticket, actor=actor, body=action["body"], is_public=False)
            done.append("added an internal note")
        elif kind == "send_reply":
            ticket.refresh_from_db()
            body = render_placeholders(action["body"], ticket=ticket)
            add_message(ticket, actor=actor, body=body, is_public=True, channel=ticket.channel)
            done.append("sent a reply")
        elif kind == "notify":
            names = _notify(rule, ticket, action, path=f"actions[{index}]")
            done.append(f"notified {', '.join(names) or 'nobody'}")
        elif kind == "webhook":
            queue_webhook(rule, ticket, url=action["url"], event=event)
            done.append(f"called {action['url']}")
    ticket.refresh_from_db()
    fired.data = {**fired.data, "actions": done}
    fired.save(update_fields=["data"])
    return done


def _field_changes(
    actions: list[dict[str, Any]], ticket: Ticket, done: list[str]
) -> TicketChanges | None:
    changes = TicketChanges()
    tags: list[str] | None = None
    for index, action in enumerate(actions):
        kind, path = action["type"], f"actions[{index}]"
        if kind not in FIELD_ACTIONS:
            continue
        if kind == "set_status":
            changes.status = action["status"]
            done.append(f"set status to {action['status']}")
        elif kind == "set_priority":
            changes.priority = PRIORITY_BY_NAME[action["priority"]]
            done.append(f"set priority to {action['priority']}")
        elif kind == "set_team":
            changes.team = resolve_team(action["team"], field=f"{path}.team")
            done.append(f"moved to team {changes.team.name}")
        elif kind == "set_category":
            slug = action["category"]
            changes.category = resolve_category(slug, field=f"{path}.category") if slug else None
            done.append(f"set category to {slug or 'none'}")
        elif kind == "assign":
            email = action["agent"]
            changes.assignee = resolve_agent(email, field=f"{path}.agent") if email else None
            done.append(f"assigned to {changes.assignee.name}" if email else "unassigned")
        else:
            current = tags if tags is not None else list(ticket.tags.values_list("name", flat=True))
            wanted = normalise_tags(action["tags"])
            if kind == "add_tags":
                tags = sorted({*current, *wanted})
                done.append(f"tagged {', '.join(wanted)}")
            else:
                tags = sorted(set(current) - set(wanted))
                done.append(f"untagged {', '.join(wanted)}")
    if tags is not None:
        changes.tags = tags
    if changes == TicketChanges():
        return None
    return changes


def _notify(rule: Rule, ticket: Ticket, action: dict[str, Any], *, path: str) -> list[str]:
    recipients: dict[int, User] = {}
    for index, email in enumerate(action.get("agents", [])):
        user = resolve_agent(email, field=f"{path}.agents[{index}]")
        recipients[user.pk] = user
    for index, slug in enumerate(action.get("teams", [])):
        team = resolve_team(slug, field=f"{path}.teams[{index}]")
        recipients.update({user.pk: user for user in team.members.filter(is_active=True)})
    if action.get("assignee") and ticket.assignee is not None:
        recipients[ticket.assignee.pk] = ticket.assignee
    subject = render_placeholders(action["subject"], ticket=ticket)
    body = f"{action.get('body', '')}\n\nRule: {rule.name}".strip()
    notify(recipients.values(), subject=subject, body=body, url=f"/tickets/{ticket.pk}/")
    return sorted(user.name for user in recipients.values())
