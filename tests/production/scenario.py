"""Set-up and read-back for the production smoke test, run in a process of its own.

``python -m tests.production.scenario setup`` makes a team, an agent with an API token, the
team's mailbox, least-loaded routing with the agent online and an around-the-clock SLA policy, and prints them as JSON; ``report ID`` prints
what intelligence stored for the ticket's first message. JSON goes on the last line.
"""

import json
import sys
from typing import Any

AGENT_EMAIL = "agent@caredesk.test"
MAILBOX_ADDRESS = "support@caredesk.test"


def setup() -> dict[str, Any]:
    from caredesk.accounts.choices import Availability
    from caredesk.accounts.models import AgentProfile
    from caredesk.accounts.services.tokens import issue_token
    from caredesk.accounts.tests.factories import TeamFactory, UserFactory
    from caredesk.automation.choices import RoutingMode
    from caredesk.automation.models import RoutingPolicy
    from caredesk.channels.email.models import Mailbox
    from caredesk.sla.models import BusinessCalendar, SlaPolicy

    team = TeamFactory(name="Billing desk", slug="billing-desk")
    agent = UserFactory(email=AGENT_EMAIL, name="Alex Agent", teams=[team])
    AgentProfile.objects.create(user=agent, availability=Availability.ONLINE)
    RoutingPolicy.objects.create(team=team, mode=RoutingMode.LEAST_LOADED)
    Mailbox.objects.create(
        name="Support", address=MAILBOX_ADDRESS, team=team, from_name="Caredesk Support"
    )
    calendar = BusinessCalendar.objects.create(
        name="Always", timezone="UTC", weekly_hours={}, is_default=True
    )
    # Wall-clock targets: the clocks run whatever day and hour the test runs.
    SlaPolicy.objects.create(
        name="Standard",
        calendar=calendar,
        first_response_minutes=60,
        first_response_business_hours=False,
        resolution_minutes=24 * 60,
        resolution_business_hours=False,
    )
    return {"token": issue_token(agent).secret, "team": team.pk, "agent": agent.pk}


def report(ticket_id: int) -> dict[str, Any]:
    from caredesk.intelligence.models import Insight

    insight = Insight.objects.filter(ticket_id=ticket_id).order_by("id").first()
    if insight is None:
        return {"insight": None}
    return {"insight": {"language": insight.language, "predictions": insight.predictions}}


def main() -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caredesk.settings")
    django.setup()
    command, *arguments = sys.argv[1:]
    result = setup() if command == "setup" else report(int(arguments[0]))
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
