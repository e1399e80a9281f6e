from django.db import models

from caredesk.sla.choices import ClockState, SlaTarget


class TicketClock(models.Model):
    """One measurement of one SLA target on one ticket, with the arithmetic that produced it.

    Business time already used is ``consumed_seconds`` plus, while running, the business time since
    ``running_since``. ``segments`` lists each running stretch (``from``, ``to``, ``seconds``), so the
    ticket page can show how the due time was reached. ``next_check_at`` is the next instant the
    sweep must look at this clock (its warning, then its due time); it is null when nothing is
    pending, and its partial index makes a sweep cost what is due, not the backlog.
    """

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="sla_clocks"
    )
    policy = models.ForeignKey("sla.SlaPolicy", on_delete=models.PROTECT, related_name="+")
    target = models.CharField(max_length=20, choices=SlaTarget.choices)
    state = models.CharField(max_length=10, choices=ClockState.choices, default=ClockState.RUNNING)
    target_seconds = models.PositiveIntegerField()
    business_hours = models.BooleanField()
    started_at = models.DateTimeField()
    running_since = models.DateTimeField(null=True, blank=True)
    consumed_seconds = models.FloatField(default=0)
    due_at = models.DateTimeField(null=True, blank=True)
    warn_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    segments = models.JSONField(default=list)

    class Meta:
        ordering = ["started_at", "id"]
        indexes = [
            models.Index(
                fields=["next_check_at"],
                condition=models.Q(next_check_at__isnull=False),
                name="sla_clock_next_check",
            ),
            models.Index(fields=["ticket", "state"], name="sla_clock_ticket_state"),
            models.Index(
                fields=["due_at"], condition=models.Q(state="running"), name="sla_clock_running_due"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket", "target"],
                condition=models.Q(state__in=[ClockState.RUNNING, ClockState.PAUSED]),
                name="one_open_clock_per_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} on #{self.ticket_id} ({self.state})"
