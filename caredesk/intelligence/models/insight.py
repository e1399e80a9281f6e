from django.db import models


class Insight(models.Model):
    """What caredesk read in one inbound customer message, and what it did about it.

    ``predictions`` is filled for the message that opened the ticket:
    ``{"category": {"label": "billing", "confidence": 0.83, "source": "model", "model_version": 4,
    "decision": "applied"}, ...}``.
    """

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    message = models.OneToOneField("tickets.Message", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10, blank=True)  # ISO 639-1; blank: could not tell
    sentiment = models.FloatField()  # VADER compound, -1 to 1
    frustration = models.FloatField()  # 0 to 1
    frustration_reasons = models.JSONField(default=list, blank=True)
    is_heated = models.BooleanField(default=False)
    predictions = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="insight_ticket_time")]

    def __str__(self) -> str:
        return f"insight on message {self.message_id}"
