from django.db import models
from django.db.models import Q


class LoginLink(models.Model):
    """A one-time portal sign-in link mailed to a customer; only the token's hash is stored.

    ``user`` is empty while the customer has no login yet: the customers app then makes the login
    for ``email`` when the link is first used. A row with ``invited_by`` records who invited whom.
    """

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, null=True, blank=True, related_name="login_links"
    )
    # The address the link went to; owning that mailbox is what the link proves.
    email = models.EmailField(blank=True)
    invited_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""), name="login_link_names_someone"
            )
        ]

    def __str__(self) -> str:
        return f"login link for {self.user_id or self.email}"
