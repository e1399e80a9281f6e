"""What accounts adds to the shell: a person's profile, tokens and notifications, and the
teams' on-call settings."""

from caredesk.accounts import policy
from caredesk.core.screens import MenuEntry, Screens


def register(screens: Screens) -> None:
    screens.add_urls("caredesk.accounts.ui.urls")
    screens.add_settings(
        MenuEntry("Teams and on-call", "web:team_settings", 40, policy.can_manage_settings)
    )
