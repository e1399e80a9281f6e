"""Data for the live-server test, made in its own process against the server's database.

``python -m caredesk.channels.chat.tests.live_scenario seed`` creates the Support team, an agent
signed in (a stored session), and the chat greeting; it prints ``{"cookie": ...}`` as JSON on
its last line. ``report TICKET`` prints the ticket's messages.
"""

import json
import os
import sys
from importlib import import_module
from typing import Any


def seed() -> dict[str, Any]:
    from django.apps import apps
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from caredesk.accounts.tests.factories import TeamFactory, UserFactory

    team = TeamFactory(name="Support", slug="support", is_default=True)
    agent = UserFactory(email="agent@example.com", name="Ana Agent", teams=[team])
    apps.get_model("sla", "AcknowledgementTemplate").objects.create(
        channel="chat",
        language="en",
        body="Hello {greeting_name}, an agent will be with you in a moment.",
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(agent.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = agent.get_session_auth_hash()
    session.create()
    return {"cookie": session.session_key}


def report(ticket_id: int) -> dict[str, Any]:
    from caredesk.tickets.models import Message

    return {
        "messages": [
            [message.author_kind, message.body_text]
            for message in Message.objects.filter(ticket_id=ticket_id).order_by("pk")
        ]
    }


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caredesk.settings")
    django.setup()
    command, *arguments = sys.argv[1:]
    result = seed() if command == "seed" else report(int(arguments[0]))
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
