from django.db import models


class VoiceProvider(models.TextChoices):
    GENERIC = "generic", "Generic JSON webhook"
    TWILIO = "twilio", "Twilio"


class CallDirection(models.TextChoices):
    INBOUND = "inbound", "Inbound"  # the customer called us
    OUTBOUND = "outbound", "Outbound"  # we called the customer


class CallOutcome(models.TextChoices):
    ANSWERED = "answered", "Answered"
    MISSED = "missed", "Missed"  # rang out or the caller hung up before anyone answered
    VOICEMAIL = "voicemail", "Voicemail"  # the caller left a message instead
    BUSY = "busy", "Busy"
    FAILED = "failed", "Failed"  # the call never connected (network, wrong number)


# An inbound call that did not reach a person: somebody owes the caller a callback.
NEEDS_CALLBACK = frozenset({CallOutcome.MISSED, CallOutcome.VOICEMAIL, CallOutcome.BUSY})


class CallEventState(models.TextChoices):
    RECEIVED = "received", "Received"  # stored, not yet processed
    ACCEPTED = "accepted", "Accepted"  # logged on a ticket
    DUPLICATE = "duplicate", "Duplicate"  # a redelivery of a call already logged
    UPDATED = "updated", "Updated"  # added facts (a recording) to a call already logged
    IGNORED = "ignored", "Ignored"  # a progress event (ringing, in progress): nothing to log yet
    FLAGGED = "flagged", "Flagged"  # could not be understood; kept for a person to look at
