import pytest

from caredesk.automation.macros.services.apply import apply_macro, preview_macro
from caredesk.automation.macros.services.config import MacroSpec, create_macro
from caredesk.automation.models import Macro, MacroUsage
from caredesk.core.errors import NotFound, ValidationFailed
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Message, TicketEvent
from caredesk.tickets.services.update import TicketChanges, update_ticket


def snapshot(ticket):
    ticket.refresh_from_db()
    return (
        ticket.status,
        ticket.priority,
        ticket.assignee_id,
        sorted(ticket.tags.values_list("name", flat=True)),
        Message.objects.filter(ticket=ticket).count(),
        TicketEvent.objects.filter(ticket=ticket).count(),
        list(Macro.objects.values_list("usage_count", flat=True)),
        MacroUsage.objects.count(),
    )


@pytest.fixture
def tagged_ticket(ticket, agent):
    update_ticket(
        ticket, actor=Actor.of_user(agent), changes=TicketChanges(tags=["waiting", "vip"])
    )
    return ticket


def test_apply_sends_the_reply_runs_the_actions_and_counts_once(tagged_ticket, refund_macro, agent):
    ticket = tagged_ticket
    events_before = TicketEvent.objects.filter(ticket=ticket).count()

    applied = apply_macro(ticket, refund_macro, actor=agent)

    ticket.refresh_from_db()
    assert applied.reply.body_text == (f"Hi Cora, your refund for #{ticket.pk} is on its way.\nAna")
    assert applied.reply.is_public
    assert applied.note.body_text == "Refund sent by Ana Agent."
    assert not applied.note.is_public
    assert (ticket.status, ticket.priority, ticket.assignee) == ("solved", 3, agent)
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["refund", "vip"]
    new_events = TicketEvent.objects.filter(ticket=ticket).order_by("id")[events_before:]
    assert [event.kind for event in new_events if event.kind.startswith("macro.")] == [
        "macro.applied"
    ]
    applied_event = next(event for event in new_events if event.kind == "macro.applied")
    assert applied_event.data == {
        "macro_id": refund_macro.pk,
        "macro": "Refund processed",
        "language": "en",
    }
    assert applied_event.actor_user == agent
    assert not applied_event.is_public
    refund_macro.refresh_from_db()
    assert refund_macro.usage_count == 1
    assert refund_macro.last_used_at is not None
    assert MacroUsage.objects.get(macro=refund_macro, user=agent).count == 1


def test_usage_counts_per_agent(ticket, other_ticket, refund_macro, agent, supervisor):
    apply_macro(ticket, refund_macro, actor=agent)
    update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(status="open"))
    apply_macro(ticket, refund_macro, actor=supervisor)

    refund_macro.refresh_from_db()
    assert refund_macro.usage_count == 2
    assert sorted(MacroUsage.objects.values_list("user__name", "count")) == [
        ("Ana Agent", 1),
        ("Sam Supervisor", 1),
    ]


def test_the_reply_is_in_the_customers_language(ticket, refund_macro, agent, customer):
    customer.language = "es-MX"
    customer.save()

    applied = apply_macro(ticket, refund_macro, actor=agent)

    assert applied.reply.body_text == "Hola Cora, tu reembolso está en camino."


@pytest.mark.parametrize(
    ("customer_language", "default_language", "expected"),
    [("fr", "es", "es"), ("fr", "it", "de"), ("de", "es", "de")],
)
def test_language_falls_back_to_the_default_then_any(
    ticket, customer, admin_user, agent, customer_language, default_language, expected
):
    customer.language = customer_language
    customer.save()
    macro = create_macro(
        MacroSpec(
            name="Hello",
            default_language=default_language,
            translations=[("es", "Hola"), ("de", "Hallo")],
        ),
        actor=admin_user,
    )

    assert preview_macro(ticket, macro, actor=agent).language == expected


def test_preview_renders_and_writes_nothing(tagged_ticket, refund_macro, agent):
    before = snapshot(tagged_ticket)

    preview = preview_macro(tagged_ticket, refund_macro, actor=agent)

    assert preview.body.startswith("Hi Cora, your refund for")
    assert preview.internal_note == "Refund sent by Ana Agent."
    assert preview.actions == [
        "Set status to Solved",
        "Set priority to high",
        "Add tags refund",
        "Remove tags waiting",
        "Assign to me",
        "Add an internal note",
    ]
    assert snapshot(tagged_ticket) == before


def test_the_agents_edit_replaces_the_reply(ticket, refund_macro, agent):
    applied = apply_macro(ticket, refund_macro, actor=agent, body_override="Done, {{x}} as typed.")

    assert applied.reply.body_text == "Done, {{x}} as typed."


def test_an_empty_edit_is_refused_and_nothing_changes(ticket, refund_macro, agent):
    before = snapshot(ticket)

    with pytest.raises(ValidationFailed) as error:
        apply_macro(ticket, refund_macro, actor=agent, body_override="  ")

    assert error.value.field == "body"
    assert snapshot(ticket) == before


def test_a_refused_action_rolls_everything_back(ticket, admin_user, agent):
    macro = create_macro(
        MacroSpec(name="Close", translations=[("en", "Bye")], set_status="new", add_tags=["x"]),
        actor=admin_user,
    )
    before = snapshot(ticket)

    with pytest.raises(ValidationFailed) as error:
        apply_macro(ticket, macro, actor=agent)

    assert error.value.field == "status"
    assert snapshot(ticket) == before


def test_a_macro_without_a_reply_only_runs_its_actions(ticket, admin_user, agent):
    macro = create_macro(
        MacroSpec(name="Escalate", set_status="on_hold", add_tags=["escalated"]), actor=admin_user
    )

    applied = apply_macro(ticket, macro, actor=agent)

    ticket.refresh_from_db()
    assert applied.reply is None
    assert ticket.status == "on_hold"
    assert ticket.messages.count() == 1


def test_a_macro_of_another_team_is_not_found(ticket, admin_user, other_team, agent):
    macro = create_macro(
        MacroSpec(name="Billing", team=other_team, translations=[("en", "Hi")]), actor=admin_user
    )
    before = snapshot(ticket)

    with pytest.raises(NotFound):
        apply_macro(ticket, macro, actor=agent)
    with pytest.raises(NotFound):
        preview_macro(ticket, macro, actor=agent)

    assert snapshot(ticket) == before


def test_an_inactive_macro_cannot_be_applied(ticket, admin_user, agent):
    macro = create_macro(
        MacroSpec(name="Old", translations=[("en", "Hi")], is_active=False), actor=admin_user
    )

    with pytest.raises(NotFound):
        apply_macro(ticket, macro, actor=agent)
