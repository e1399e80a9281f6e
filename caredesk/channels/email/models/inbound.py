from django.db import models


class InboundSource(models.TextChoices):
    IMAP = "imap", "IMAP"
    SMTP = "smtp", "SMTP"
    MAILGUN = "mailgun", "Mailgun"
    POSTMARK = "postmark", "Postmark"


class InboundState(models.TextChoices):
    RECEIVED = "received", "Received"  # stored raw, not processed yet
    PROCESSED = "processed", "Processed"
    FLAGGED = "flagged", "Flagged"  # kept on a ticket, but something in it could not be read
    DUPLICATE = "duplicate", "Duplicate"  # a redelivery of a message already processed
    IGNORED = "ignored", "Ignored"  # auto-reply, bounce or loop with nothing to thread to


class InboundEmail(models.Model):
    """One delivery of one email, stored raw before anything reads it."""

    raw = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    # The Message-ID header without brackets (``message_id`` would clash with the FK below).
    header_message_id = models.CharField(max_length=255, blank=True)
    source = models.CharField(max_length=10, choices=InboundSource.choices)
    mailbox = models.ForeignKey(
        "channels_email.Mailbox",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_emails",
    )
    state = models.CharField(
        max_length=10, choices=InboundState.choices, default=InboundState.RECEIVED
    )
    problems = models.JSONField(default=list, blank=True)
    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.ForeignKey(
        "tickets.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # How it was threaded: {"matched": "in-reply-to"|"references"|"subject-ref"|"token"|"new",
    # "value": the header value or token that matched}.
    threading = models.JSONField(default=dict, blank=True)
    # The quoted history and signature folded away from the displayed message.
    folded_text = models.TextField(blank=True)
    received_at = models.DateTimeField()
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["header_message_id"], name="inbound_message_id"),
            models.Index(
                fields=["received_at"],
                condition=models.Q(state="received"),
                name="inbound_unprocessed",
            ),
        ]

    def __str__(self) -> str:
        return f"inbound {self.pk} <{self.header_message_id}> {self.state}"
