"""Which app adds which screens: one line per app, run once at startup beside the subscriptions.

Each app describes its panels, timeline sentences, menu entries and URLs in its own ``ui/``
(see ``caredesk.core.screens``); the shell (``caredesk.web``) draws what is registered here.
"""

from caredesk.accounts import policy
from caredesk.accounts.ui import screens as accounts
from caredesk.automation import timeline as automation_timeline
from caredesk.channels.chat.ui import screens as chat
from caredesk.channels.email.ui import screens as email
from caredesk.channels.social.ui import screens as social
from caredesk.channels.voice.ui import screens as voice
from caredesk.core.screens import MenuEntry, Screens, screens
from caredesk.intelligence.ui import screens as intelligence
from caredesk.sla.ui import screens as sla
from caredesk.tickets.ui import screens as tickets


def register() -> None:
    accounts.register(screens)
    tickets.register(screens)
    sla.register(screens)
    intelligence.register(screens)
    email.register(screens)
    chat.register(screens)
    voice.register(screens)
    social.register(screens)
    _automation(screens)


def _automation(screens: Screens) -> None:
    """Automation's menu entries and timeline sentences. Its screens live in
    ``automation/{rules,macros,routing,approvals}/ui`` and their URLs are included by the shell;
    describing these entries in each sub-package is the next step."""
    screens.add_sentences(automation_timeline.SENTENCES)
    screens.add_settings(
        MenuEntry(
            "Rules",
            "web:rules",
            30,
            policy.can_manage_rules,
            frozenset({"web:rule", "web:rule_new"}),
        ),
        MenuEntry("Authority limits", "web:authority_limits", 50, policy.can_manage_settings),
    )
    screens.add_supervision(
        MenuEntry(
            "Routing",
            "web:routing",
            20,
            policy.is_supervisor_or_admin,
            frozenset({"web:agent_routing"}),
        )
    )
