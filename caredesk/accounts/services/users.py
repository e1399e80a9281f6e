"""Staff accounts and teams."""

from collections.abc import Sequence

from django.db import transaction
from django.utils.text import slugify

from caredesk.accounts.choices import Role
from caredesk.accounts.models import Team, User
from caredesk.core.errors import Conflict


@transaction.atomic
def create_team(*, name: str, description: str = "", is_default: bool = False) -> Team:
    if Team.objects.filter(name__iexact=name).exists():
        raise Conflict(f"A team named {name!r} already exists.", field="name")
    if is_default:
        Team.objects.filter(is_default=True).update(is_default=False)
    base = slugify(name) or "team"
    slug, suffix = base, 1
    while Team.objects.filter(slug=slug).exists():
        suffix += 1
        slug = f"{base}-{suffix}"
    return Team.objects.create(name=name, slug=slug, description=description, is_default=is_default)


@transaction.atomic
def create_user(
    *,
    email: str,
    name: str,
    role: Role,
    password: str | None = None,
    teams: Sequence[Team] = (),
    language: str = "en",
    timezone: str = "UTC",
) -> User:
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict(f"A user with email {email} already exists.", field="email")
    user = User.objects.create_user(
        email=email, password=password, name=name, role=role, language=language, timezone=timezone
    )
    if teams:
        user.teams.set(teams)
    return user
