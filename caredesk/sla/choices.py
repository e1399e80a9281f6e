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
