from django.db import models


class Conversation(models.Model):
    """A thread on the external network, mapped to the ticket its messages go to."""

    channel = models.ForeignKey(
        "channels_social.SocialChannel", on_delete=models.CASCADE, related_name="conversations"
    )
    external_id = models.CharField(max_length=200)
    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="social_conversations"
    )
    customer = models.ForeignKey("customers.Customer", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_id"], name="unique_social_conversation"
            )
        ]
        indexes = [models.Index(fields=["ticket"], name="social_conversation_ticket")]

    def __str__(self) -> str:
        return f"{self.channel_id}:{self.external_id}"
