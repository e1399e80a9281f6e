"""The default service levels, as the seeds' policy states them (shared/seeds/004):

- emails get an automated acknowledgement at once (the promise is "within 2 hours") and a human
  response within 24 hours; every new web, API or social request is acknowledged the same way;
- live chats get an immediate greeting and an agent within 2 minutes;
- resolution has a maximum per issue category.

Installed by ``caredesk load_default_policies`` (and the demo); idempotent, and never overwrites
what an admin has changed since.
"""

from typing import Any

from django.db import transaction

from caredesk.sla.models import AcknowledgementTemplate, BusinessCalendar, EscalationRule, SlaPolicy

DAY = 24 * 60
WEEKDAYS_9_TO_17 = {str(day): [["09:00", "17:00"]] for day in range(5)}

ACKNOWLEDGEMENTS = {
    "en": (
        "Hello {greeting_name},\n\nthank you for writing to us. We have your request "
        '#{ticket_number} ("{subject}") and a member of our team will reply by {expected_reply}.\n\n'
        "You can reply to this message to add anything."
    ),
    "es": (
        "Hola {greeting_name}:\n\ngracias por escribirnos. Hemos recibido su solicitud "
        "#{ticket_number} («{subject}») y una persona de nuestro equipo le responderá antes del "
        "{expected_reply}.\n\nPuede responder a este mensaje para añadir lo que quiera."
    ),
    "de": (
        "Hallo {greeting_name},\n\nvielen Dank für Ihre Nachricht. Ihre Anfrage #{ticket_number} "
        "(„{subject}“) ist bei uns eingegangen; jemand aus unserem Team antwortet bis {expected_reply}.\n\n"
        "Sie können auf diese Nachricht antworten, um etwas zu ergänzen."
    ),
    "fr": (
        "Bonjour {greeting_name},\n\nmerci de nous avoir écrit. Nous avons bien reçu votre demande "
        "#{ticket_number} (« {subject} ») et un membre de notre équipe vous répondra d'ici "
        "{expected_reply}.\n\nVous pouvez répondre à ce message pour ajouter un détail."
    ),
}
CHAT_GREETINGS = {
    "en": "Hello {greeting_name}, thanks for reaching out! An agent will be with you in a moment.",
    "es": "¡Hola {greeting_name}, gracias por contactarnos! Un agente le atenderá en un momento.",
    "de": "Hallo {greeting_name}, danke für Ihre Nachricht! Gleich ist jemand aus dem Team für Sie da.",
    "fr": "Bonjour {greeting_name}, merci de nous contacter ! Un conseiller arrive dans un instant.",
}
ACKNOWLEDGED_CHANNELS = ("email", "web", "api", "social")

POLICIES: list[dict[str, Any]] = [
    {
        "name": "Urgent",
        "conditions": {"priority": ["urgent"]},
        "first_response_minutes": 60,
        "first_response_business_hours": False,
        "next_response_minutes": 2 * 60,
        "next_response_business_hours": False,
        "periodic_update_minutes": 4 * 60,
        "periodic_update_business_hours": False,
        "resolution_minutes": DAY,
        "resolution_business_hours": False,
    },
    {
        "name": "Live chat",
        "conditions": {"channel": ["chat"]},
        "first_response_minutes": 2,
        "first_response_business_hours": False,
        "next_response_minutes": 2,
        "next_response_business_hours": False,
        "resolution_minutes": DAY,
        "resolution_business_hours": False,
    },
    {
        "name": "Billing",
        "conditions": {"category": ["billing"]},
        "first_response_minutes": DAY,
        "first_response_business_hours": False,
        "next_response_minutes": DAY,
        "next_response_business_hours": False,
        "periodic_update_minutes": 2 * 8 * 60,
        "resolution_minutes": 3 * 8 * 60,
    },
    {
        "name": "Standard",
        "conditions": {},
        "first_response_minutes": DAY,
        "first_response_business_hours": False,
        "next_response_minutes": DAY,
        "next_response_business_hours": False,
        "periodic_update_minutes": 2 * 8 * 60,
        "resolution_minutes": 5 * 8 * 60,
    },
]


ESCALATIONS: list[dict[str, Any]] = [
    {"name": "Warn the assignee", "trigger": "warning", "notify_assignee": True},
    {
        "name": "Breach: tell the supervisors",
        "trigger": "breach",
        "notify_assignee": True,
        "notify_team_supervisors": True,
        "add_tag": "sla-breached",
    },
]


@transaction.atomic
def install_default_policies(*, timezone: str = "UTC") -> list[str]:
    """Create what is missing; return the names of what was created."""
    created: list[str] = []
    calendar, made = BusinessCalendar.objects.get_or_create(
        name="Business hours",
        defaults={"timezone": timezone, "weekly_hours": WEEKDAYS_9_TO_17, "is_default": True},
    )
    if made:
        created.append(f"calendar {calendar.name}")
    for position, values in enumerate(POLICIES):
        _, made = SlaPolicy.objects.get_or_create(
            name=values["name"],
            defaults={**values, "position": position * 10, "calendar": calendar},
        )
        if made:
            created.append(f"policy {values['name']}")
    for channel in ACKNOWLEDGED_CHANNELS:
        for language, body in ACKNOWLEDGEMENTS.items():
            _, made = AcknowledgementTemplate.objects.get_or_create(
                channel=channel, language=language, defaults={"body": body}
            )
            if made:
                created.append(f"acknowledgement {channel}/{language}")
    for position, values in enumerate(ESCALATIONS):
        _, made = EscalationRule.objects.get_or_create(
            name=values["name"], defaults={**values, "position": position}
        )
        if made:
            created.append(f"escalation {values['name']}")
    for language, body in CHAT_GREETINGS.items():
        _, made = AcknowledgementTemplate.objects.get_or_create(
            channel="chat", language=language, defaults={"body": body}
        )
        if made:
            created.append(f"greeting chat/{language}")
    return created
