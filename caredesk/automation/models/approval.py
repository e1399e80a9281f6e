from django.db import models

from caredesk.accounts.choices import Role
from caredesk.automation.choices import ActionKind, ApprovalState


class ApprovalRequest(models.Model):
    """An action above its proposer's authority, waiting for (or given) a decision.

    ``approver_role`` says who may decide: the ticket team's supervisors for an agent's request,
    admins for a supervisor's or an admin's own. ``authority_limit`` is the proposer's limit when
    they asked (null: none was configured), kept so the decision can be checked later.
    """

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="approval_requests"
    )
    action = models.CharField(max_length=20, choices=ActionKind.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    reason = models.TextField()
    authority_limit = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    approver_role = models.CharField(max_length=20, choices=Role.choices)
    state = models.CharField(
        max_length=10, choices=ApprovalState.choices, default=ApprovalState.PENDING
    )
    requested_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="approval_requests"
    )
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["ticket", "-created_at", "-id"], name="approval_ticket"),
            # The supervisors' queue: pending requests, newest first, joined to their teams' tickets.
            models.Index(
                fields=["-created_at", "-id"],
                condition=models.Q(state="pending"),
                name="approval_pending",
            ),
            models.Index(
                fields=["ticket", "state"],
                condition=models.Q(state="pending"),
                name="approval_pending_ticket",
            ),
            models.Index(
                fields=["requested_by", "state", "-created_at"], name="approval_requester"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="approval_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(state="pending")
                | models.Q(decided_at__isnull=False, decided_by__isnull=False),
                name="approval_decided_has_decider",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.amount} {self.currency} on #{self.ticket_id} ({self.state})"
