"""Rules for tests, saved through the real service by the admin."""

import pytest

from caredesk.automation.rules.services.config import RuleChanges, create_rule


@pytest.fixture
def make_rule(admin_user):
    """``make_rule(name, actions, events=..., all=..., any=..., kind="event")``, saved by the admin."""

    def make(name, actions, *, events=("ticket_updated",), all=(), any=(), kind="event"):
        return create_rule(
            actor=admin_user,
            changes=RuleChanges(
                name=name,
                kind=kind,
                events=list(events) if kind == "event" else [],
                conditions={"all": list(all), "any": list(any)},
                actions=list(actions),
            ),
        )

    return make


def condition(field, operator, value=None):
    return {"field": field, "operator": operator, "value": value}
