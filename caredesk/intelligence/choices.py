from django.db import models


class Target(models.TextChoices):
    """What a model predicts for a new ticket."""

    CATEGORY = "category", "Category"
    TEAM = "team", "Team"
    PRIORITY = "priority", "Priority"


class Decision(models.TextChoices):
    APPLIED = "applied", "Applied"  # confident enough: the ticket field was set
    SUGGESTED = "suggested", "Suggested"  # shown to the agent, ticket unchanged
    KEPT = "kept", "Kept"  # the field was already chosen by a person or a channel


class Source(models.TextChoices):
    MODEL = "model", "Trained model"
    KEYWORDS = "keywords", "Keyword rules (cold start)"
