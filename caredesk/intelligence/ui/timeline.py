"""Triage's timeline events in plain words: what it predicted, applied and read."""

from typing import Any

from caredesk.core.screens import Reading, Sentence
from caredesk.intelligence.services.analysis import FRUSTRATION_EVENT
from caredesk.intelligence.services.classification import CLASSIFIED_EVENT
from caredesk.intelligence.services.suggestions import SUGGESTION_APPLIED_EVENT


def _predictions(data: dict[str, Any]) -> str:
    return ", ".join(
        f"{target} {item.get('to')} ({float(item.get('confidence') or 0):.2f} sure)"
        for target, item in sorted(data.items())
        if isinstance(item, dict)
    )


def _frustration(reading: Reading) -> str:
    reasons = ", ".join(map(str, reading.data.get("reasons") or [])) or "no named signal"
    level = float(reading.data.get("frustration") or 0)
    return f"Triage read frustration {level:.2f} ({reasons})"


SENTENCES: dict[str, Sentence] = {
    CLASSIFIED_EVENT: lambda reading: f"Triage set {_predictions(reading.data)}",
    SUGGESTION_APPLIED_EVENT: lambda reading: (
        f"{reading.actor} applied the triage suggestion: {_predictions(reading.data)}"
    ),
    FRUSTRATION_EVENT: _frustration,
}
