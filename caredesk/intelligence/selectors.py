"""What intelligence shows the team: the model versions and a ticket's latest reading."""

from dataclasses import dataclass, field
from typing import Any

from django.conf.locale import LANG_INFO
from django.db.models import QuerySet

from caredesk.accounts import policy
from caredesk.intelligence import options
from caredesk.intelligence.choices import Decision, Source, Target
from caredesk.intelligence.models import Insight, ModelVersion
from caredesk.intelligence.sentiment import DEESCALATION_HINT
from caredesk.intelligence.services.classification import value_for
from caredesk.intelligence.services.suggestions import opening_predictions
from caredesk.intelligence.services.training import labelled_tickets
from caredesk.tickets.choices import Priority
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


@dataclass(frozen=True)
class TargetVersions:
    """One target's versions, newest first, and whether its history is big enough to train."""

    target: str
    name: str
    versions: list[ModelVersion]
    labelled_tickets: int
    minimum_tickets: int

    @property
    def live(self) -> ModelVersion | None:
        return next((version for version in self.versions if version.is_active), None)

    @property
    def can_train(self) -> bool:
        return self.labelled_tickets >= self.minimum_tickets


def versions_by_target() -> list[TargetVersions]:
    versions = list(model_versions())
    return [
        TargetVersions(
            target=target.value,
            name=str(target.label),
            versions=[version for version in versions if version.target == target],
            labelled_tickets=labelled_tickets(target).count(),
            minimum_tickets=options.minimum_training_tickets(),
        )
        for target in Target
    ]


@dataclass(frozen=True)
class TriagePrediction:
    target: str
    name: str  # "Category"
    label: str  # what the model said: "billing", "High"
    shown: str  # how the ticket field names it: "Billing"
    confidence: float
    source: str
    decision: str
    model_version: int | None
    is_on_ticket: bool  # the ticket's field holds this value now
    can_apply: bool


@dataclass(frozen=True)
class TriagePanel:
    language: str  # "German (de)"; blank when it could not be told
    sentiment: float
    frustration: float
    reasons: list[str] = field(default_factory=list)
    is_heated: bool = False
    deescalation_hint: str | None = None
    predictions: list[TriagePrediction] = field(default_factory=list)


def _language_name(code: str) -> str:
    if not code:
        return ""
    name = LANG_INFO.get(code, {}).get("name")
    return f"{name} ({code})" if name else code


def _current_value(ticket: Ticket, target: str) -> Any:
    if target == Target.CATEGORY:
        return ticket.category_id
    if target == Target.TEAM:
        return ticket.team_id
    return ticket.priority


def _prediction(ticket: Ticket, target: str, guess: dict[str, Any]) -> TriagePrediction:
    label = str(guess["label"])
    value = value_for(target, label)
    if value is None:
        shown = label
    elif target == Target.PRIORITY:
        shown = str(Priority(value).label)
    else:
        shown = str(value.name)
    identity = value if target == Target.PRIORITY or value is None else value.pk
    is_on_ticket = value is not None and identity == _current_value(ticket, target)
    return TriagePrediction(
        target=target,
        name=str(Target(target).label),
        label=label,
        shown=shown,
        confidence=float(guess.get("confidence") or 0.0),
        source=str(Source(guess["source"]).label) if guess.get("source") in Source.values else "",
        decision=str(guess.get("decision") or Decision.SUGGESTED),
        model_version=guess.get("model_version"),
        is_on_ticket=is_on_ticket,
        can_apply=value is not None and not is_on_ticket,
    )


def triage_panel(viewer: Any, ticket: Ticket) -> TriagePanel | None:
    """What the agent's triage panel shows; None for anyone but staff, and before any reading."""
    if not policy.is_staff(viewer):
        return None
    insight = latest_insight(ticket)
    if insight is None:
        return None
    predictions = opening_predictions(ticket)
    return TriagePanel(
        language=_language_name(insight.language),
        sentiment=insight.sentiment,
        frustration=insight.frustration,
        reasons=[str(reason) for reason in insight.frustration_reasons],
        is_heated=insight.is_heated,
        deescalation_hint=DEESCALATION_HINT if insight.is_heated else None,
        predictions=[
            _prediction(ticket, target, predictions[target])
            for target in Target.values
            if target in predictions
        ],
    )
