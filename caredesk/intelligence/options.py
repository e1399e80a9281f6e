"""The intelligence knobs an operator may set in Django settings, read at call time (never copied at
import, so tests override them with the ``settings`` fixture)."""

from django.conf import settings

from caredesk.intelligence.choices import Target

DEFAULT_LANGUAGES = ("en", "es", "de", "fr", "pt", "it")
DEFAULT_APPLY_THRESHOLD = 0.6


def detected_languages() -> tuple[str, ...]:
    """ISO 639-1 codes lingua chooses from. Each costs about 25 MB per process in high accuracy."""
    return tuple(getattr(settings, "CAREDESK_DETECT_LANGUAGES", DEFAULT_LANGUAGES))


def apply_threshold(target: str) -> float:
    """A prediction at least this confident is applied to the ticket; below it, only suggested."""
    thresholds: dict[str, float] = getattr(settings, "CAREDESK_INTELLIGENCE_APPLY_THRESHOLDS", {})
    return float(thresholds.get(Target(target), DEFAULT_APPLY_THRESHOLD))


def minimum_training_tickets() -> int:
    """Below this many labelled solved tickets a target stays on its cold start."""
    return int(getattr(settings, "CAREDESK_INTELLIGENCE_MIN_TRAINING_TICKETS", 50))


def heated_at() -> float:
    """Frustration (0-1) from which the agent sees the de-escalation hint."""
    return float(getattr(settings, "CAREDESK_INTELLIGENCE_HEATED_AT", 0.5))


def raise_priority_at() -> float | None:
    """Frustration from which a customer message raises the ticket to high; None switches it off."""
    value = getattr(settings, "CAREDESK_INTELLIGENCE_RAISE_PRIORITY_AT", 0.7)
    return None if value is None else float(value)
