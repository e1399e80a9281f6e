from django.db import models

from caredesk.tickets.choices import Channel, Priority, TicketStatus


class Ticket(models.Model):
    """A customer request. Its ``id`` is also its human-friendly number (#1042)."""

    subject = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=TicketStatus.choices, default=TicketStatus.NEW)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    requester = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, related_name="tickets"
    )
    assignee = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tickets",
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="tickets"
    )
    category = models.ForeignKey(
        "tickets.Category", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tags = models.ManyToManyField("tickets.Tag", blank=True, related_name="tickets")
    custom_fields = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=10, blank=True)

    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    first_response_at = models.DateTimeField(null=True, blank=True)
    solved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Bumped by every change; the API's ETag, so a stale edit answers 412 instead of overwriting.
    version = models.PositiveIntegerField(default=1)

    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_tickets"
    )
    follow_up_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups"
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            # "Unassigned in my teams" and team queues: team IN (...) AND assignee IS NULL.
            models.Index(
                fields=["team", "assignee", "status", "-updated_at", "-id"],
                name="ticket_team_queue",
            ),
            models.Index(
                fields=["assignee", "status", "-updated_at", "-id"], name="ticket_assignee_queue"
            ),
            # Routing's waiting line: a team's unassigned tickets, most urgent then oldest first.
            models.Index(
                fields=["team", "-priority", "created_at", "id"],
                condition=models.Q(assignee__isnull=True, status__in=["new", "open"]),
                name="ticket_waiting_for_agent",
            ),
            models.Index(fields=["requester", "-updated_at", "-id"], name="ticket_requester"),
            models.Index(fields=["-updated_at", "-id"], name="ticket_recent"),
            models.Index(fields=["status", "-updated_at", "-id"], name="ticket_status"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    @property
    def number(self) -> int:
        return self.pk

    @property
    def priority_name(self) -> str:
        return Priority(self.priority).label

    @property
    def is_closed(self) -> bool:
        return self.status == TicketStatus.CLOSED
