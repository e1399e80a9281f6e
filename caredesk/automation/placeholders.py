"""The placeholder language of macros: ``{{customer.preferred_name}}`` and a few more, nothing else.

Macro bodies are written by users, so they are never handed to a template engine: a fixed list
of names maps to plain-text values, substituted in one pass (a value that itself looks like a
placeholder stays as it is). An unknown or malformed placeholder is refused when the text is
saved and when it is rendered; it never renders as an empty string. The values are plain text:
whoever shows the reply as HTML escapes it, as for any message.
"""

import re
from collections.abc import Callable
from typing import Any

from caredesk.core.errors import ValidationFailed
from caredesk.tickets.models import Ticket

# What each placeholder says, shown to whoever writes a macro.
PLACEHOLDERS: dict[str, str] = {
    "customer.preferred_name": "What the customer wants to be called (else their first name)",
    "customer.name": "The customer's full name",
    "ticket.number": "The ticket number, without '#'",
    "ticket.subject": "The ticket's subject",
    "agent.name": "The replying agent's full name",
    "agent.first_name": "The replying agent's first name",
    "team.name": "The ticket's team",
    "sla.expected_reply": "When the next reply is due, in the customer's zone and language",
}
TOKEN = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
NAME = re.compile(r"^\s*([a-z_]+\.[a-z_]+)\s*$")
# Signs off a reply when no person is behind it (a rule with nobody assigned).
NOBODY = "caredesk"

# ``sla.expected_reply`` needs the SLA clocks, which live in an app automation must not import;
# caredesk/subscriptions.py provides the function at start-up.
ExpectedReply = Callable[[Ticket, str], str]
_expected_reply: list[ExpectedReply] = []


def provide_expected_reply(resolver: ExpectedReply) -> None:
    """Register ``resolver(ticket, language)``: the next reply's due time as the customer reads it."""
    _expected_reply[:] = [resolver]


def placeholders_in(text: str, *, field: str = "body") -> list[str]:
    """The placeholder names used in ``text``, in order; refuses unknown and malformed ones."""
    names = []
    for token in TOKEN.finditer(text):
        name = _name(token.group(1))
        if name not in PLACEHOLDERS:
            raise ValidationFailed(
                f"Unknown placeholder {{{{{name}}}}}; use one of: "
                + ", ".join(f"{{{{{known}}}}}" for known in PLACEHOLDERS)
                + ".",
                field=field,
            )
        names.append(name)
    rest = TOKEN.sub("", text)
    if "{{" in rest or "}}" in rest:
        raise ValidationFailed(
            "A placeholder is not closed: write it as {{customer.name}}.", field=field
        )
    return names


def render_placeholders(
    text: str, *, ticket: Ticket, agent: Any = None, language: str | None = None
) -> str:
    """``text`` with each placeholder replaced by its value for ``ticket`` and ``agent``.

    ``agent`` is the user replying (None: the ticket's assignee, else the team signs); ``language``
    is the one the reply is written in (None: the customer's).
    """
    names = set(placeholders_in(text))
    language = language or ticket.requester.language
    person = agent if agent is not None else ticket.assignee
    team_name = ticket.team.name if ticket.team is not None else NOBODY
    values = {name: _value(name, ticket, person, team_name, language) for name in names}
    return TOKEN.sub(lambda token: values[_name(token.group(1))], text)


def _name(inside_braces: str) -> str:
    match = NAME.match(inside_braces)
    return match.group(1) if match else inside_braces.strip()


def _value(name: str, ticket: Ticket, person: Any, team_name: str, language: str) -> str:
    customer = ticket.requester
    if name == "customer.preferred_name":
        return str(customer.greeting_name)
    if name == "customer.name":
        return str(customer.name)
    if name == "ticket.number":
        return str(ticket.pk)
    if name == "ticket.subject":
        return ticket.subject
    if name == "agent.name":
        return str(person.name) if person is not None else team_name
    if name == "agent.first_name":
        if person is None:
            return team_name
        return str(person.name).split()[0] if str(person.name).strip() else team_name
    if name == "team.name":
        return team_name
    if not _expected_reply:
        raise RuntimeError("No resolver for {{sla.expected_reply}}: is subscriptions connected?")
    return _expected_reply[0](ticket, language)
