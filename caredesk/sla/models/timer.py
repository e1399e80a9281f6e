from django.db import models


class TimerKind(models.TextChoices):
    FOLLOW_UP = "follow_up", "Follow-up message"  # N days after solving: did it work?
    AUTO_CLOSE = "auto_close", "Close"  # M days after solving without a customer reply


class TicketTimer(models.Model):
    """Time-based work on a ticket, due at an indexed instant; cancelled when the ticket moves on."""

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="timers")
    kind = models.CharField(max_length=20, choices=TimerKind.choices)
    due_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=models.Q(done_at__isnull=True, cancelled_at__isnull=True),
                name="ticket_timer_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for #{self.ticket_id}"


class LifecycleSettings(models.Model):
    """The team's follow-up policy (one row): what happens after a ticket is solved."""

    follow_up_after_days = models.PositiveSmallIntegerField(null=True, blank=True, default=3)
    follow_up_body = models.TextField(
        default=(
            'Hello {greeting_name},\n\nwe solved your request #{ticket_number} ("{subject}") a few '
            "days ago. Did our answer fix it? If not, just reply to this message and we will pick it up."
        )
    )
    close_after_days = models.PositiveSmallIntegerField(null=True, blank=True, default=7)

    class Meta:
        verbose_name_plural = "lifecycle settings"

    def __str__(self) -> str:
        return "lifecycle settings"
