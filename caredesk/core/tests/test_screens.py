"""The screens' registry: entries in order, for whom they are, and no two under one name."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured

from caredesk.core.screens import MenuEntry, Reading, Screens, TicketPanel


def _panel(name, order, *, for_staff=True):
    return TicketPanel(
        name=name,
        order=order,
        url_name=f"web:{name}",
        render=lambda request, ticket: f"<p>{name}</p>",
        visible_to=lambda user: for_staff or not user.is_staff,
    )


STAFF = SimpleNamespace(is_staff=True)


def test_panels_come_in_their_order_and_only_for_whom_they_are():
    screens = Screens()
    screens.add_panels(
        _panel("late", 30), _panel("early", 10), _panel("hidden", 20, for_staff=False)
    )

    assert [panel.name for panel in screens.panels_for(STAFF)] == ["early", "late"]


def test_a_second_entry_under_a_taken_name_is_refused_but_the_same_one_is_kept():
    screens = Screens()
    first = _panel("sla", 10)
    screens.add_panels(first)
    screens.add_panels(first)  # registering again at a second start changes nothing

    with pytest.raises(ImproperlyConfigured, match="'sla'"):
        screens.add_panels(_panel("sla", 20))
    screens.add_sentences({"sla.met": lambda reading: "met"})
    with pytest.raises(ImproperlyConfigured, match="'sla.met'"):
        screens.add_sentences({"sla.met": lambda reading: "met again"})
    assert screens.panels_for(STAFF) == [first]


def test_settings_entries_mark_their_forms_as_current():
    screens = Screens()
    entry = MenuEntry(
        "Service levels", "web:sla", 10, lambda user: True, frozenset({"web:sla_new"})
    )
    screens.add_settings(entry, MenuEntry("Teams", "web:teams", 5, lambda user: False))

    assert screens.settings_for(STAFF) == [entry]
    assert (entry.is_current("web:sla_new"), entry.is_current("web:teams")) == (True, False)
    assert screens.settings_pages() == {"web:sla", "web:sla_new", "web:teams"}


def test_tell_hands_the_sentence_its_reading_and_hides_rule_names_from_customers():
    screens = Screens()
    seen = []

    def sentence(reading: Reading) -> str:
        seen.append(reading)
        return f"{reading.actor} did it"

    screens.add_sentences({"thing.done": sentence})
    event = SimpleNamespace(
        kind="thing.done",
        actor_name="VIP rule",
        data={"rule": "VIP rule"},
        created_at=datetime(2026, 1, 5, tzinfo=UTC),
    )

    assert screens.tell(event) == "VIP rule did it"
    assert screens.tell(event, for_customer=True) == "caredesk did it"
    assert (seen[1].for_customer, seen[1].data, seen[1].zone) == (True, {"rule": "VIP rule"}, UTC)
    assert screens.event_kinds() == {"thing.done"}
