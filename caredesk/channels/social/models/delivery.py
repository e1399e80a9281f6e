from django.db import models

from caredesk.channels.social.choices import DeliveryState


class OutboundDelivery(models.Model):
    """A team reply on its way to the bridge, retried with growing pauses until it is accepted."""

    message = models.OneToOneField(
        "tickets.Message", on_delete=models.CASCADE, related_name="social_delivery"
    )
    channel = models.ForeignKey(
        "channels_social.SocialChannel", on_delete=models.CASCADE, related_name="deliveries"
    )
    conversation = models.ForeignKey(
        "channels_social.Conversation", on_delete=models.CASCADE, related_name="deliveries"
    )
    state = models.CharField(
        max_length=10, choices=DeliveryState.choices, default=DeliveryState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    # When a worker may (next) try; an attempt in flight pushes it ahead, so a crash is retried.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state=DeliveryState.QUEUED),
                name="social_delivery_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} delivery of message {self.message_id}"
