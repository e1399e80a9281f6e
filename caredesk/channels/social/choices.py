from django.db import models


class PayloadState(models.TextChoices):
    RECEIVED = "received", "Received"  # stored, not yet processed
    ACCEPTED = "accepted", "Accepted"  # its message is on a ticket
    DUPLICATE = "duplicate", "Duplicate"  # a redelivery of a message already on a ticket
    FLAGGED = "flagged", "Flagged"  # could not be understood; kept for a person to look at


class DeliveryState(models.TextChoices):
    QUEUED = "queued", "Queued"  # waiting for its (next) attempt
    SENT = "sent", "Sent"  # the bridge answered 2xx
    FAILED = "failed", "Failed"  # gave up after the last attempt; the team was told
