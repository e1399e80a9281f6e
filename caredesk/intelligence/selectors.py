"""What intelligence shows the team: the model versions and a ticket's latest reading."""

from django.db.models import QuerySet

from caredesk.intelligence.models import Insight, ModelVersion
from caredesk.intelligence.sentiment import DEESCALATION_HINT
from caredesk.tickets.models import Ticket


def model_versions(target: str | None = None) -> QuerySet[ModelVersion]:
    versions = ModelVersion.objects.defer("artefact")
    return versions.filter(target=target) if target else versions


def latest_insight(ticket: Ticket) -> Insight | None:
    return Insight.objects.filter(ticket=ticket).order_by("-created_at", "-id").first()


def deescalation_hint(ticket: Ticket) -> str | None:
    """The hint the agent sees while the customer's latest message is heated."""
    insight = latest_insight(ticket)
    return DEESCALATION_HINT if insight is not None and insight.is_heated else None
