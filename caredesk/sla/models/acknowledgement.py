from django.db import models


class AcknowledgementTemplate(models.Model):
    """The automatic reply a new ticket gets on its channel, in the customer's language.

    ``body`` may use {greeting_name}, {ticket_number}, {subject} and {expected_reply} (the first
    response due time in the customer's time zone, or a plain promise when no target applies).
    A channel with no active template sends no acknowledgement.
    """

    channel = models.CharField(max_length=10)
    language = models.CharField(max_length=10, default="en")
    body = models.TextField()
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["channel", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "language"], name="one_ack_per_channel_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel}/{self.language}"
