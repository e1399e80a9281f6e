from django.db import models

from caredesk.channels.voice.choices import VoiceProvider


class VoiceIntegration(models.Model):
    """A phone system that reports calls to caredesk, and how missed calls are followed up."""

    name = models.CharField(max_length=100, unique=True)
    provider = models.CharField(max_length=20, choices=VoiceProvider.choices)
    # Generic: the bearer token the phone system sends. Twilio: the account's auth token, which
    # signs each request (X-Twilio-Signature); it must be kept, not hashed, to check signatures.
    secret = models.CharField(max_length=200)
    # Twilio's AccountSid: picks the integration for a request to /hooks/voice/twilio.
    account_id = models.CharField(max_length=64, blank=True)
    # The public URL Twilio calls, when a proxy changes the URL Django sees (signatures cover it).
    webhook_url = models.URLField(max_length=500, blank=True)
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A missed call is owed a callback within this many minutes (wall clock).
    callback_within_minutes = models.PositiveIntegerField(default=60)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "account_id"],
                condition=~models.Q(account_id=""),
                name="unique_voice_account",
            )
        ]

    def __str__(self) -> str:
        return self.name
