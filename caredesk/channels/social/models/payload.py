from django.db import models

from caredesk.channels.social.choices import PayloadState


class InboundPayload(models.Model):
    """A webhook body exactly as the bridge sent it, stored (after its signature checked out)
    before it is parsed: a body that cannot be understood is kept and flagged, never lost."""

    channel = models.ForeignKey(
        "channels_social.SocialChannel", on_delete=models.CASCADE, related_name="payloads"
    )
    received_at = models.DateTimeField()
    raw_body = models.BinaryField()
    external_message_id = models.CharField(max_length=200, blank=True)
    state = models.CharField(
        max_length=10, choices=PayloadState.choices, default=PayloadState.RECEIVED
    )
    problem = models.TextField(blank=True)
    field = models.CharField(max_length=100, blank=True)
    message = models.ForeignKey(
        "tickets.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(
                fields=["received_at"],
                condition=models.Q(state=PayloadState.FLAGGED),
                name="social_payload_flagged",
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} payload {self.pk}"
