from django.db import models

from caredesk.channels.voice.choices import CallDirection, CallEventState, CallOutcome


class CallRecord(models.Model):
    """The facts of one phone call, attached to the ticket message that logs it."""

    message = models.OneToOneField("tickets.Message", on_delete=models.CASCADE, related_name="call")
    integration = models.ForeignKey(
        "channels_voice.VoiceIntegration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
    )
    # The phone system's id of the call; empty for calls an agent logged by hand.
    provider = models.CharField(max_length=20, blank=True)
    provider_call_id = models.CharField(max_length=100, blank=True)
    direction = models.CharField(max_length=10, choices=CallDirection.choices)
    from_number = models.CharField(max_length=40)
    to_number = models.CharField(max_length=40)
    duration_seconds = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=10, choices=CallOutcome.choices)
    notes = models.TextField(blank=True)
    recording_url = models.URLField(max_length=500, blank=True)
    logged_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_call_id"],
                condition=~models.Q(provider_call_id=""),
                name="unique_provider_call",
            )
        ]

    def __str__(self) -> str:
        return f"{self.direction} call {self.from_number} -> {self.to_number}"


class CallEvent(models.Model):
    """A call event exactly as the phone system sent it, stored before it is parsed.

    An event that cannot be understood stays here, flagged, so nothing a phone system reports is
    lost; ``state`` tells what became of each one.
    """

    integration = models.ForeignKey(
        "channels_voice.VoiceIntegration", on_delete=models.CASCADE, related_name="events"
    )
    received_at = models.DateTimeField()
    content_type = models.CharField(max_length=100, blank=True)
    raw_body = models.BinaryField()
    provider_call_id = models.CharField(max_length=100, blank=True)
    state = models.CharField(
        max_length=10, choices=CallEventState.choices, default=CallEventState.RECEIVED
    )
    problem = models.TextField(blank=True)
    field = models.CharField(max_length=100, blank=True)
    call = models.ForeignKey(
        CallRecord, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(
                fields=["received_at"],
                condition=models.Q(state=CallEventState.FLAGGED),
                name="call_event_flagged",
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} call event {self.pk}"
