"""What triage adds to the shell: the ticket's triage panel, the model settings, the trial,
and its timeline sentences."""

from caredesk.accounts import policy
from caredesk.core.screens import MenuEntry, Screens
from caredesk.intelligence.ui import panel, timeline


def register(screens: Screens) -> None:
    screens.add_urls("caredesk.intelligence.ui.urls")
    screens.add_panels(panel.PANEL)
    screens.add_sentences(timeline.SENTENCES)
    screens.add_settings(
        MenuEntry("Triage models", "web:triage_models", 60, policy.can_manage_settings),
        MenuEntry("Try triage", "web:triage_trial", 70, policy.can_manage_settings),
    )
