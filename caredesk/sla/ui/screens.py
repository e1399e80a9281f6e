"""What the service levels add to the shell: settings for calendars, policies and escalations,
the ticket page's SLA panel and their timeline sentences."""

from caredesk.accounts import policy
from caredesk.core.screens import MenuEntry, Screens
from caredesk.sla.ui import panel, timeline


def register(screens: Screens) -> None:
    screens.add_urls("caredesk.sla.ui.urls")
    screens.add_panels(panel.PANEL)
    screens.add_sentences(timeline.SENTENCES)
    screens.add_settings(
        MenuEntry(
            "Service levels",
            "web:sla_settings",
            10,
            policy.can_manage_settings,
            frozenset(
                {"web:sla_calendar", "web:sla_calendar_new", "web:sla_policy", "web:sla_policy_new"}
            ),
        ),
        MenuEntry(
            "Escalation rules",
            "web:escalation_rules",
            20,
            policy.can_manage_settings,
            frozenset({"web:escalation_rule", "web:escalation_rule_new"}),
        ),
    )
