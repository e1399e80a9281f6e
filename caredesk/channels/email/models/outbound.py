from django.db import models


class OutboundState(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class OutboundEmail(models.Model):
    """The email carrying one public reply to the requester, and how its delivery went."""

    message = models.OneToOneField(
        "tickets.Message", on_delete=models.CASCADE, related_name="outbound_email"
    )
    mailbox = models.ForeignKey(
        "channels_email.Mailbox",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outbound_emails",
    )
    # The Message-ID header without brackets (``message_id`` would clash with the FK above).
    header_message_id = models.CharField(max_length=255, unique=True)
    to = models.JSONField(default=list)
    in_reply_to = models.CharField(max_length=255, blank=True)
    references = models.TextField(blank=True)
    state = models.CharField(
        max_length=10, choices=OutboundState.choices, default=OutboundState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state="queued"),
                name="outbound_due",
            )
        ]

    def __str__(self) -> str:
        return f"outbound <{self.header_message_id}> {self.state}"
