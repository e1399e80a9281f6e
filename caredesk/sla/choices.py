from django.db import models


class SlaTarget(models.TextChoices):
    FIRST_RESPONSE = "first_response", "First response"  # from opening to the first public reply
    NEXT_RESPONSE = "next_response", "Next response"  # from each customer message to the answer
    PERIODIC_UPDATE = "periodic_update", "Periodic update"  # keep the customer informed meanwhile
    RESOLUTION = "resolution", "Resolution"  # from opening to solved


class ClockState(models.TextChoices):
    RUNNING = "running", "Running"
    PAUSED = "paused", "Paused"  # the ticket waits on the customer or a third party
    MET = "met", "Met"  # stopped before its due time
    MISSED = "missed", "Missed"  # stopped after its due time
    CANCELLED = "cancelled", "Cancelled"  # the policy changed or the ticket was merged away


OPEN_STATES = (ClockState.RUNNING, ClockState.PAUSED)


class SlaEventKind(models.TextChoices):
    """Timeline event kinds the service levels write; all internal."""

    APPLIED = "sla.applied"
    STARTED = "sla.started"
    WARNING = "sla.warning"
    BREACHED = "sla.breached"
    MET = "sla.met"
    MISSED = "sla.missed"
    PAUSED = "sla.paused"
    RESUMED = "sla.resumed"
    POLICY_CHANGED = "sla.policy_changed"
    ESCALATED = "sla.escalated"
