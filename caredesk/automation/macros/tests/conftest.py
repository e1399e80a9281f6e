"""Fixtures of the macro tests."""

import pytest

from caredesk.automation.macros.services.config import MacroSpec, create_macro


@pytest.fixture
def refund_macro(admin_user, team):
    """The Support team's "Refund processed": a reply in en/es, status solved, tag refund."""
    return create_macro(
        MacroSpec(
            name="Refund processed",
            team=team,
            translations=[
                (
                    "en",
                    "Hi {{customer.preferred_name}}, your refund for #{{ticket.number}} is on "
                    "its way.\n{{agent.first_name}}",
                ),
                ("es", "Hola {{customer.preferred_name}}, tu reembolso está en camino."),
            ],
            set_status="solved",
            set_priority=3,
            add_tags=["refund"],
            remove_tags=["waiting"],
            assign_to_me=True,
            internal_note="Refund sent by {{agent.name}}.",
        ),
        actor=admin_user,
    )
