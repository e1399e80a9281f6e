from django.db import models


class LoginLink(models.Model):
    """A one-time sign-in link mailed to a portal customer; only the token's hash is stored."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="login_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"login link for {self.user_id}"
