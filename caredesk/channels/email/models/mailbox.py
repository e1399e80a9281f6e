from django.core.exceptions import ValidationError
from django.db import models

from caredesk import env
from caredesk.core.email_url import EmailUrlError, parse_email_url


class Mailbox(models.Model):
    """An address customers write to; mail to it lands in its team's queue."""

    name = models.CharField(max_length=100)
    address = models.EmailField(unique=True)  # stored lower-case
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="mailboxes")
    from_name = models.CharField(max_length=100, blank=True)
    signature = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    # Replies from this mailbox go out through this transport, written like EMAIL_URL
    # (e.g. smtp+tls://user:password@smtp.example.com); empty: the site's EMAIL_URL.
    outbound_url = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} <{self.address}>"

    def clean(self) -> None:
        if self.outbound_url:
            try:
                parse_email_url(self.outbound_url)
            except EmailUrlError as error:
                raise ValidationError({"outbound_url": str(error)}) from error

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2]


class MailboxConnection(models.Model):
    """Where caredesk fetches a mailbox's mail by IMAP.

    The password is stored in the database in clear text (IMAP needs it back). To keep it out of
    the database, leave ``password`` empty and name an environment variable in ``password_env``;
    ``<NAME>_FILE`` pointing at a file works too (see ``caredesk.env``).
    """

    mailbox = models.OneToOneField(Mailbox, on_delete=models.CASCADE, related_name="connection")
    host = models.CharField(max_length=255)
    port = models.PositiveIntegerField(default=993)
    use_ssl = models.BooleanField(default=True)
    username = models.CharField(max_length=255)
    password = models.CharField(max_length=255, blank=True)
    password_env = models.CharField(max_length=100, blank=True)
    folder = models.CharField(max_length=255, default="INBOX")
    # IMAP UIDs are only meaningful within one UIDVALIDITY; a change means start again.
    uidvalidity = models.BigIntegerField(null=True, blank=True)
    last_uid = models.BigIntegerField(default=0)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.username}@{self.host}:{self.port}/{self.folder}"

    def secret(self) -> str:
        if self.password_env:
            return env.read(self.password_env) or ""
        return self.password
