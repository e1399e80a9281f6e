"""Staff accounts and teams, and what people change about themselves."""

import functools
import zoneinfo
from collections.abc import Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from caredesk.accounts import policy
from caredesk.accounts.choices import Role
from caredesk.accounts.models import Team, User
from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed

NAME_MAX_LENGTH = User._meta.get_field("name").max_length or 200


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


# Names in the zone database that are no place a person lives in.
NOT_PLACES = frozenset({"Factory", "localtime", "posixrules"})


@functools.cache
def time_zone_names() -> tuple[str, ...]:
    """The IANA zone names people choose from, sorted; read once, the database does not change."""
    return tuple(sorted(zoneinfo.available_timezones() - NOT_PLACES))


def _known_time_zone(name: str) -> bool:
    if name not in time_zone_names():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@transaction.atomic
def update_profile(
    user: User,
    *,
    name: str | None = None,
    language: str | None = None,
    timezone: str | None = None,
) -> User:
    """Change a person's own name, language and time zone; ``None`` keeps a value as it is.

    Everything is checked before anything is set, so a refusal leaves ``user`` untouched.
    """
    changes: dict[str, str] = {}
    if name is not None:
        name = " ".join(name.split())
        if not name:
            raise ValidationFailed("A name is needed; it is shown on replies.", field="name")
        if len(name) > NAME_MAX_LENGTH:
            raise ValidationFailed(
                f"A name has at most {NAME_MAX_LENGTH} characters.", field="name"
            )
        changes["name"] = name
    if language is not None:
        languages = [code for code, _ in settings.LANGUAGES]
        if language not in languages:
            raise ValidationFailed(
                f"Unknown language {language!r}; choose one of {', '.join(languages)}.",
                field="language",
            )
        changes["language"] = language
    if timezone is not None:
        if not _known_time_zone(timezone):
            raise ValidationFailed(
                f"Unknown time zone {timezone!r}; use a name such as Europe/Berlin.",
                field="timezone",
            )
        changes["timezone"] = timezone
    for field, value in changes.items():
        setattr(user, field, value)
    if changes:
        user.save(update_fields=list(changes))
    return user


@transaction.atomic
def set_on_call(team: Team, *, actor: User, user: User | None) -> Team:
    """Make ``user`` the one who takes the team's escalations, or nobody (``None``).

    Admins only. The person must be an active supervisor or admin of the team: escalations
    assigned to them must land with someone who can act on the team's tickets. Locks the team.
    """
    if not policy.can_manage_settings(actor):
        raise PermissionDenied("Only admins may change who is on call.")
    team = Team.objects.select_for_update().get(pk=team.pk)
    if user is not None:
        eligible = team.members.filter(
            pk=user.pk, is_active=True, role__in=(Role.SUPERVISOR, Role.ADMIN)
        ).exists()
        if not eligible:
            raise ValidationFailed(
                f"{user.name} is not an active supervisor or admin of {team.name}.",
                field="user",
            )
    team.on_call = user
    team.save(update_fields=["on_call"])
    return team
