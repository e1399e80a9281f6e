from django.db import models

from caredesk.automation.choices import RuleKind


class Rule(models.Model):
    """An admin's "when this happens and these conditions hold, do that", run in ``position`` order.

    ``conditions`` is ``{"all": [...], "any": [...]}`` of ``{"field", "operator", "value"}`` (see
    ``automation/rules/conditions.py``); ``actions`` a list of ``{"type", ...}`` (see
    ``automation/rules/actions.py``); ``events`` the event names an event trigger listens to (time
    automations listen to none: their ``hours_since`` conditions say when they run). Both JSON
    documents are validated by the services before they are stored.
    """

    name = models.CharField(max_length=120, unique=True)
    is_enabled = models.BooleanField(default=True)
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=RuleKind.choices, default=RuleKind.EVENT)
    events = models.JSONField(default=list, blank=True)
    conditions = models.JSONField(default=dict, blank=True)
    actions = models.JSONField(default=list)
    # Signs the rule's webhook calls (HMAC-SHA256), so receivers can tell they came from here.
    webhook_secret = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["kind", "position", "id"], name="rule_kind_order"),
        ]

    def __str__(self) -> str:
        return self.name


class RuleSchedule(models.Model):
    """When a time automation is next due on a ticket.

    Computed whenever the ticket changes, from the rule's ``hours_since`` conditions (and only
    while its other conditions hold), so the sweep reads only rows that are due through the partial
    index on ``due_at``. ``basis_at`` is the due time of the ticket state it was computed for: once
    fired, ``due_at`` is cleared and the same state never schedules the rule again.
    """

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="schedules")
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    basis_at = models.DateTimeField()
    due_at = models.DateTimeField(null=True, blank=True)
    fired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=models.Q(due_at__isnull=False),
                name="rule_schedule_due",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["rule", "ticket"], name="one_schedule_per_rule_ticket")
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} on #{self.ticket_id} due {self.due_at}"
