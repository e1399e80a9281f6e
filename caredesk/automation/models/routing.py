from decimal import Decimal

from django.db import models

from caredesk.automation.choices import RoutingMode


class RoutingPolicy(models.Model):
    """How a team's new tickets find their agent. A team without a row routes by hand."""

    team = models.OneToOneField(
        "accounts.Team", on_delete=models.CASCADE, primary_key=True, related_name="routing_policy"
    )
    mode = models.CharField(max_length=20, choices=RoutingMode.choices, default=RoutingMode.MANUAL)
    # What one open ticket adds to an agent's load, by priority.
    weight_low = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("0.5"))
    weight_normal = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("1"))
    weight_high = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("1.5"))
    weight_urgent = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("2"))
    # A routed ticket its agent has not answered within this many minutes goes to someone else.
    reassign_unanswered_after_minutes = models.PositiveIntegerField(null=True, blank=True)
    reassign_when_offline = models.BooleanField(default=True)
    # Round-robin cursor: whose turn came last. Read and moved under this row's lock.
    last_assigned = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "routing policies"

    def __str__(self) -> str:
        return f"routing of team {self.team_id}"

    def weights(self) -> dict[int, float]:
        """Weight per priority number (tickets.Priority: 1 low ... 4 urgent)."""
        return {
            1: float(self.weight_low),
            2: float(self.weight_normal),
            3: float(self.weight_high),
            4: float(self.weight_urgent),
        }


class AnswerDeadline(models.Model):
    """A routed ticket its assignee must answer by ``due_at``, or routing passes it on. Deleted
    once it is answered, reassigned or due; the sweep reads only due rows through the index."""

    ticket = models.OneToOneField(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="answer_deadline"
    )
    assignee = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    assigned_at = models.DateTimeField()
    due_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["due_at"], name="answer_deadline_due")]

    def __str__(self) -> str:
        return f"answer #{self.ticket_id} by {self.due_at:%Y-%m-%d %H:%M}"
