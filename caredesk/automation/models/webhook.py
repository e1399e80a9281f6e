from django.db import models

from caredesk.automation.choices import WebhookState


class WebhookDelivery(models.Model):
    """One webhook call a rule made, with its delivery state and retries.

    The body, URL and signing secret are copied when the rule fires, so editing or deleting the
    rule later does not change what is (re)sent.
    """

    rule = models.ForeignKey(
        "automation.Rule", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rule_name = models.CharField(max_length=120)
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    url = models.URLField(max_length=500)
    payload = models.JSONField()
    secret = models.CharField(max_length=64)
    state = models.CharField(
        max_length=10, choices=WebhookState.choices, default=WebhookState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state="queued"),
                name="webhook_delivery_due",
            ),
        ]

    def __str__(self) -> str:
        return f"webhook {self.pk} of {self.rule_name} ({self.state})"
