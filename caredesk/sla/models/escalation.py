from django.db import models


class EscalationTrigger(models.TextChoices):
    WARNING = "warning", "Warning"
    BREACH = "breach", "Breach"


class EscalationRule(models.Model):
    """What happens when a target nears or passes its due time; rules in order are the levels.

    ``delay_minutes`` after the trigger lets a later level wait (e.g. breach + 60 min: reassign).
    Every action is optional; each one taken is written on the ticket's timeline.
    """

    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    policy = models.ForeignKey(
        "sla.SlaPolicy",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="escalation_rules",
    )
    target = models.CharField(max_length=20, blank=True)  # empty: every target
    trigger = models.CharField(max_length=10, choices=EscalationTrigger.choices)
    delay_minutes = models.PositiveIntegerField(default=0)
    notify_assignee = models.BooleanField(default=True)
    notify_team_supervisors = models.BooleanField(default=False)
    notify_on_call = models.BooleanField(default=False)
    raise_priority_to = models.PositiveSmallIntegerField(null=True, blank=True)
    reassign_to_team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assign_to_on_call = models.BooleanField(default=False)
    add_tag = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class PendingEscalation(models.Model):
    """A delayed escalation level, waiting for its due time (indexed, like every timer)."""

    rule = models.ForeignKey(EscalationRule, on_delete=models.CASCADE, related_name="+")
    clock = models.ForeignKey("sla.TicketClock", on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=models.Q(done_at__isnull=True),
                name="pending_escalation_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} for clock {self.clock_id}"
