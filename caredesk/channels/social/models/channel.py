from django.db import models


class SocialChannel(models.Model):
    """A bridge to a messaging network (WhatsApp, Facebook, Telegram, a custom app...).

    The bridge posts customers' messages to /hooks/social/<id>, signed with ``secret``; caredesk
    posts the team's replies to ``callback_url``, signed with the same secret.
    """

    name = models.CharField(max_length=100, unique=True)
    # Free text naming the network; it prefixes senders' external ids ("whatsapp:+4917...").
    kind = models.SlugField(max_length=30)
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # HMAC-SHA256 key for X-Caredesk-Signature, both ways; kept in clear because signing needs it.
    secret = models.CharField(max_length=200)
    callback_url = models.URLField(max_length=500)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
