from django.db import models

from caredesk.tickets.choices import AuthorKind, Channel


class TicketEvent(models.Model):
    """One entry on a ticket's timeline: who did what, when, through which channel.

    ``data`` holds the before/after values (``{"field": ..., "from": ..., "to": ...}``) or the
    event's own facts. Events are written only by services, in the transaction of the change.
    """

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40)
    actor_kind = models.CharField(max_length=10, choices=AuthorKind.choices)
    actor_user = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(max_length=200, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    # Customer-facing events (status changes, replies) show in the portal; the rest stay internal.
    is_public = models.BooleanField(default=False)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at", "id"], name="event_ticket_time")]

    def __str__(self) -> str:
        return f"{self.kind} on #{self.ticket_id}"
