from django.db import models


class CallbackRequest(models.Model):
    """A missed call the team owes a callback, due at an indexed instant.

    Its target is the integration's ``callback_within_minutes``, apart from the ticket's SLA
    policy: a caller who could not get through is waiting on the phone, not on a reply.
    """

    call = models.OneToOneField(
        "channels_voice.CallRecord", on_delete=models.CASCADE, related_name="callback"
    )
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    phone_number = models.CharField(max_length=40)
    due_at = models.DateTimeField()
    # The team was told the callback is overdue (once).
    overdue_notified_at = models.DateTimeField(null=True, blank=True)
    # Somebody reached the caller, or the ticket was solved meanwhile.
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=models.Q(completed_at__isnull=True, overdue_notified_at__isnull=True),
                name="callback_due",
            )
        ]

    def __str__(self) -> str:
        return f"callback to {self.phone_number} for #{self.ticket_id}"
