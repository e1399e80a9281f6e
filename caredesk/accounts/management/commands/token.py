"""``caredesk token create|list|revoke``: API tokens from the command line.

The secret is printed once, at creation, and never again: only its hash is stored.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from caredesk.accounts.models import ApiToken, User
from caredesk.accounts.services.tokens import issue_token, revoke_token
from caredesk.core.errors import NotFound


def _user_with_email(email: str) -> User:
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise CommandError(f"No user has the email {email!r}.")
    return user


class Command(BaseCommand):
    help = "Create, list and revoke API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help="Issue a token and print its secret once.")
        create.add_argument("--user", required=True, metavar="EMAIL")
        create.add_argument("--name", default="", help="What the token is for (up to 100 chars).")
        listing = actions.add_parser("list", help="List a user's tokens (never their secrets).")
        listing.add_argument("--user", required=True, metavar="EMAIL")
        revoke = actions.add_parser("revoke", help="Revoke a token by its id.")
        revoke.add_argument("--id", required=True, type=int, dest="token_id", metavar="N")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self.create_token(options["user"], name=options["name"])
        elif action == "list":
            self.list_tokens(options["user"])
        else:
            self.revoke(options["token_id"])

    def create_token(self, email: str, *, name: str) -> None:
        user = _user_with_email(email)
        if not user.is_active:
            raise CommandError(f"{user.email} is deactivated; its tokens would not authenticate.")
        issued = issue_token(user, name=name)
        self.stderr.write(
            f"Token {issued.token.pk} for {user.email}. Copy it now: it is not shown again."
        )
        # The secret alone on stdout, so scripts can capture it: TOKEN=$(caredesk token create ...)
        self.stdout.write(issued.secret)

    def list_tokens(self, email: str) -> None:
        user = _user_with_email(email)
        tokens = ApiToken.objects.filter(user=user).order_by("pk")
        if not tokens:
            self.stdout.write(f"{user.email} has no API tokens.")
            return
        for token in tokens:
            state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
            self.stdout.write(
                f"{token.pk:>5}  {token.prefix}…  {state:<18} last used {used:<16}  "
                f"{token.name or '(no name)'}"
            )

    def revoke(self, token_id: int) -> None:
        token = ApiToken.objects.select_related("user").filter(pk=token_id).first()
        if token is None:
            raise CommandError(f"No API token has the id {token_id}.")
        try:
            revoke_token(token.user, token_id=token_id)
        except NotFound as error:
            raise CommandError(f"Token {token_id} is already revoked.") from error
        self.stdout.write(f"Revoked token {token_id} of {token.user.email}.")
