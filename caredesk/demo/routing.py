"""The demo's routing: each team routes its own way, and the agents speak and know different
things, so a new ticket (try one in Spanish or German in the portal) arrives assigned, with the
reason on its timeline.

Installed after the history is played: the stories assign their tickets themselves.
"""

from collections.abc import Sequence

from caredesk.accounts.models import Team, User
from caredesk.accounts.services.agent_profiles import (
    ProfileChanges,
    set_availability,
    update_agent_profile,
)
from caredesk.automation.choices import RoutingMode
from caredesk.automation.routing.services.policies import RoutingChanges, set_routing_policy
from caredesk.demo.people import BILLING, SUPERVISOR_EMAIL, SUPPORT, TECHNICAL

MODES = {
    SUPPORT: RoutingChanges(mode=RoutingMode.SKILLS_BASED, reassign_unanswered_after_minutes=60),
    BILLING: RoutingChanges(mode=RoutingMode.LEAST_LOADED),
    TECHNICAL: RoutingChanges(mode=RoutingMode.ROUND_ROBIN),
}

# email: (languages, skills, tier, online)
PROFILES = {
    "agent@example.com": (["en"], ["billing", "orders"], 1, True),
    "lena.fischer@example.com": (["de", "en"], ["orders", "delivery"], 1, True),
    "tomas.herrera@example.com": (["es", "en"], ["billing", "refunds"], 2, True),
    "grace.liu@example.com": (["en", "fr"], ["billing", "subscriptions"], 1, True),
    "kenji.sato@example.com": (["ja", "en"], ["technical", "app"], 2, False),
    "sofia.marino@example.com": (["it", "en", "es"], ["technical", "thermostat"], 1, True),
}


def install_routing(staff: Sequence[User], teams: dict[str, Team]) -> None:
    supervisor = next(user for user in staff if user.email == SUPERVISOR_EMAIL)
    for name, changes in MODES.items():
        set_routing_policy(teams[name], actor=supervisor, changes=changes)
    for user in staff:
        if user.email not in PROFILES:
            continue
        languages, skills, tier, online = PROFILES[user.email]
        update_agent_profile(
            user,
            actor=supervisor,
            changes=ProfileChanges(languages=languages, skills=skills, tier=tier),
        )
        set_availability(user, availability="online" if online else "offline")
