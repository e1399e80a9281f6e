from django.db import models

from caredesk.accounts.choices import Role
from caredesk.automation.choices import ActionKind


class AuthorityLimit(models.Model):
    """The largest amount a role may give for one action without asking for approval.

    A limit covers amounts in its own currency only (there are no exchange rates), and a role
    with no limit for an action needs approval for every amount of it.
    """

    role = models.CharField(max_length=20, choices=Role.choices)
    action = models.CharField(max_length=20, choices=ActionKind.choices)
    max_amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["role", "action"]
        constraints = [
            models.UniqueConstraint(fields=["role", "action"], name="one_limit_per_role_action"),
            models.CheckConstraint(
                condition=models.Q(max_amount__gte=0), name="authority_limit_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} {self.action} up to {self.max_amount} {self.currency}"
