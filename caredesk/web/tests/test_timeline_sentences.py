"""Every event kind any app records has a sentence in plain words, for agents and customers."""

import ast
import importlib
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from caredesk.automation.choices import (
    ApprovalEventKind,
    MacroEventKind,
    RoutingEventKind,
    RuleEventKind,
)
from caredesk.channels.chat.events import ChatEventKind
from caredesk.channels.email.services import ingest, outbound
from caredesk.core.screens import screens
from caredesk.sla.choices import SlaEventKind
from caredesk.tickets.events import EventKind
from caredesk.tickets.models import TicketEvent
from caredesk.web.timeline import describe

ROOT = Path(__file__).resolve().parents[2]
WRITERS = {"record_event", "new_event"}
DOTTED = re.compile(r"\b[a-z_]+\.[a-z_]+\b")


def _kinds_of(node: ast.expr, module: object) -> set[str]:
    """The kinds a call's argument can be: literals, or names the module defines at its top."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _kinds_of(node.body, module) | _kinds_of(node.orelse, module)
    try:
        value = eval(ast.unparse(node), vars(module))  # noqa: S307 - our own source, names only
    except NameError:
        return set()  # a local variable: its values are among the enums below
    return {str(value)}


def recorded_kinds() -> set[str]:
    found: set[str] = set()
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        tree = ast.parse(path.read_text())
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) in WRITERS
            and len(node.args) >= 2
        ]
        if calls:
            module = importlib.import_module(".".join(parts))
            for call in calls:
                found |= _kinds_of(call.args[1], module)
    return found


ENUMS = (
    EventKind,
    SlaEventKind,
    ChatEventKind,
    RuleEventKind,
    ApprovalEventKind,
    MacroEventKind,
    RoutingEventKind,
)
KNOWN = {str(kind) for enum in ENUMS for kind in enum.values} | {
    value
    for holder in (ingest.EventKind, outbound.EventKind)
    for name, value in vars(holder).items()
    if name.isupper()
}


def test_the_scan_finds_the_kinds_written_through_constants_and_literals():
    found = recorded_kinds()

    assert {"callback.overdue", "social.delivery_failed", "customer.merged"} <= found
    assert {"intelligence.classified", "email.sent", "sla.escalated", "ticket.created"} <= found


def test_every_recorded_or_declared_kind_has_a_sentence():
    missing = sorted((recorded_kinds() | KNOWN) - screens.event_kinds())

    assert missing == []


@pytest.mark.parametrize("kind", sorted(screens.event_kinds()))
@pytest.mark.parametrize("for_customer", [False, True])
def test_no_sentence_shows_a_dotted_kind_name(kind, for_customer):
    event = TicketEvent(
        kind=kind, actor_name="Ana Agent", data={}, created_at=datetime(2026, 1, 5, tzinfo=UTC)
    )

    text = describe(event, for_customer=for_customer)

    assert text
    assert DOTTED.findall(text) == []
    assert not text.startswith("caredesk:")


def test_an_email_sent_reads_as_a_sentence():
    event = TicketEvent(
        kind="email.sent",
        actor_name="",
        data={"to": "cora@example.com", "message_id": "x@caredesk"},
        created_at=datetime(2026, 1, 5, tzinfo=UTC),
    )

    assert describe(event) == "The reply was emailed to cora@example.com"


def test_a_kind_no_app_tells_reads_in_words_not_its_dotted_name():
    event = TicketEvent(
        kind="survey.answered", actor_name="", data={}, created_at=datetime(2026, 1, 5, tzinfo=UTC)
    )

    assert describe(event) == "caredesk: survey answered"
