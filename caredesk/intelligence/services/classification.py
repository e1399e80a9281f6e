"""Predicting a new ticket's category, team and priority, and applying the confident ones.

Until a target has a trained model (too little history, or rolled back to nothing), keyword rules
stand in: a category whose words the ticket uses, and "high" for a ticket that says it is urgent.
Keyword guesses are only ever suggested: nobody measured them on this team's tickets. The team,
until a model learns it, stays the default team ``open_ticket`` chose.
"""

import re
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from typing import Any

from caredesk.accounts.models import Team
from caredesk.intelligence import options
from caredesk.intelligence.choices import Decision, Source, Target
from caredesk.intelligence.classifier import Prediction, TextClassifier, predict_together
from caredesk.intelligence.models import ModelVersion
from caredesk.intelligence.services.artefacts import active_classifiers
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import PRIORITY_BY_NAME, Priority
from caredesk.tickets.events import record_event
from caredesk.tickets.models import Category, Ticket
from caredesk.tickets.services.update import TicketChanges, update_ticket

CLASSIFIED_EVENT = "intelligence.classified"

# Words per default category (tickets migration 0003). Any other category is matched on the words
# of its own name and slug.
CATEGORY_KEYWORDS: dict[str, tuple[str, ...]] = {
    "billing": (
        "invoice", "bill", "billing", "charge", "charged", "refund", "payment", "paid", "price",
        "subscription", "receipt", "rechnung", "factura", "facture", "fattura", "fatura",
    ),
    "technical": (
        "error", "bug", "crash", "crashes", "broken", "login", "password", "install", "update",
        "slow", "outage", "fehler", "erreur", "falla", "erro",
    ),
    "product": ("feature", "product", "model", "size", "colour", "color", "stock", "available"),
    "service": ("delivery", "shipping", "order", "parcel", "appointment", "booking", "return"),
    "communication": ("email", "newsletter", "phone", "call", "contact", "unsubscribe"),
}  # fmt: skip
URGENT_WORDS = (
    "urgent", "urgently", "asap", "immediately", "emergency", "outage", "down", "critical",
    "dringend", "urgente", "urgence", "sofort",
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class Guess:
    label: str
    confidence: float
    source: str
    model_version: int | None = None
    decision: str = Decision.SUGGESTED


def _keyword_confidence(hits: int) -> float:
    # More matching words, more agreement; shown to the agent, never compared with a threshold.
    return round(hits / (hits + 1), 4)


def _category_by_keywords(words: set[str]) -> Guess | None:
    scores: dict[str, int] = {}
    for category in Category.objects.filter(is_active=True):
        keywords = set(CATEGORY_KEYWORDS.get(category.slug, ()))
        keywords |= {word.lower() for word in _WORD.findall(f"{category.name} {category.slug}")}
        keywords.discard("other")
        hits = len(words & keywords)
        if hits:
            scores[category.slug] = hits
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return Guess(ranked[0][0], _keyword_confidence(ranked[0][1]), Source.KEYWORDS)


def _priority_by_keywords(words: set[str]) -> Guess | None:
    hits = len(words & set(URGENT_WORDS))
    if not hits:
        return None
    return Guess(Priority.HIGH.label, _keyword_confidence(hits), Source.KEYWORDS)


# A new ticket's text is scored twice: before its write transaction, to warm this memo
# (``TicketOpening``), and inside it. Scores depend only on the live models (named by their
# artefacts' signatures) and the text.
_recent_predictions: OrderedDict[tuple[tuple[str, ...], str], list[Prediction]] = OrderedDict()
_recent_lock = threading.Lock()
RECENT_PREDICTIONS_KEPT = 64


def _model_predictions(
    active: dict[str, tuple[ModelVersion, TextClassifier]], text: str
) -> list[Prediction]:
    key = (tuple(version.artefact_signature for version, _ in active.values()), text)
    with _recent_lock:
        cached = _recent_predictions.get(key)
    if cached is not None:
        return cached
    predictions = predict_together([classifier for _, classifier in active.values()], text)
    with _recent_lock:
        _recent_predictions[key] = predictions
        while len(_recent_predictions) > RECENT_PREDICTIONS_KEPT:
            _recent_predictions.popitem(last=False)
    return predictions


# The guesses ``read_ahead`` made for the ticket about to open, kept for ``classify_ticket`` inside
# its transaction a moment later: the same text, so not the same queries again. A thread serving
# requests one after another keeps its context, so guesses left by an opening that failed expire.
_read_ahead: ContextVar[tuple[str, dict[str, Guess], float] | None] = ContextVar(
    "caredesk_read_ahead_guesses", default=None
)
READ_AHEAD_SECONDS = 30.0


def predict_ahead(text: str) -> None:
    """Outside the write transaction: predict for the ticket about to open, for ``classify_ticket``."""
    _read_ahead.set((text, predict(text), time.monotonic()))


def _predict_once(text: str) -> dict[str, Guess]:
    ahead = _read_ahead.get()
    _read_ahead.set(None)
    if ahead is not None and ahead[0] == text and time.monotonic() - ahead[2] < READ_AHEAD_SECONDS:
        return ahead[1]
    return predict(text)


def predict(text: str) -> dict[str, Guess]:
    """The best guess per target: the active model's, else the cold-start keywords'."""
    guesses: dict[str, Guess] = {}
    active = active_classifiers()
    predictions = _model_predictions(active, text)
    for (target, (version, _)), prediction in zip(active.items(), predictions, strict=True):
        guesses[target] = Guess(
            prediction.label, prediction.confidence, Source.MODEL, model_version=version.pk
        )
    words = {word.lower() for word in _WORD.findall(text)}
    if Target.CATEGORY not in guesses and (guess := _category_by_keywords(words)):
        guesses[Target.CATEGORY] = guess
    if Target.PRIORITY not in guesses and (guess := _priority_by_keywords(words)):
        guesses[Target.PRIORITY] = guess
    return guesses


def value_for(target: str, label: str) -> Any:
    """The ticket field value a label names, or None when it no longer exists."""
    if target == Target.CATEGORY:
        return Category.objects.filter(slug=label, is_active=True).first()
    if target == Target.TEAM:
        return Team.objects.filter(slug=label).first()
    return PRIORITY_BY_NAME.get(label)


def _chosen_already(ticket: Ticket, target: str) -> bool:
    """A person or a channel set this field: a prediction never overrides them."""
    if target == Target.CATEGORY:
        return ticket.category_id is not None
    if target == Target.TEAM:
        return (
            ticket.team_id is not None
            and not Team.objects.filter(pk=ticket.team_id, is_default=True).exists()
        )
    return ticket.priority != Priority.NORMAL


def classify_ticket(ticket: Ticket, *, text: str) -> tuple[Ticket, dict[str, dict[str, Any]]]:
    """Predict and apply each target whose confidence reaches its threshold; suggest the rest.

    Applied fields change through ``update_ticket`` as the system, and one
    ``intelligence.classified`` timeline event says which model version decided and how sure it
    was. Returns the ticket (fresh after a change) and the predictions, as ``Insight`` stores them.
    """
    changes = TicketChanges()
    applied: dict[str, dict[str, Any]] = {}
    predictions: dict[str, dict[str, Any]] = {}
    for target, guess in _predict_once(text).items():
        value = value_for(target, guess.label)
        decision = Decision.SUGGESTED
        if _chosen_already(ticket, target):
            decision = Decision.KEPT
        elif (
            guess.source == Source.MODEL
            and value is not None
            and guess.confidence >= options.apply_threshold(target)
        ):
            decision = Decision.APPLIED
            setattr(changes, target, value)
        predictions[target] = asdict(guess) | {"decision": decision}
        if decision == Decision.APPLIED:
            applied[target] = predictions[target]
    if applied:
        system = Actor.system()
        ticket = update_ticket(ticket, actor=system, changes=changes)
        record_event(
            ticket,
            CLASSIFIED_EVENT,
            actor=system,
            data={
                target: {
                    "to": guess["label"],
                    "confidence": guess["confidence"],
                    "source": guess["source"],
                    "model_version": guess["model_version"],
                    "threshold": options.apply_threshold(target),
                }
                for target, guess in applied.items()
            },
        )
    return ticket, predictions
