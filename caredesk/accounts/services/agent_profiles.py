"""An agent's availability (set by the agent), and their skills, capacity and shifts (set by
supervisors and admins). Routing reads them; ``AvailabilityChanged`` tells it when to act."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from typing import Any

from django.db import transaction

from caredesk.accounts import policy
from caredesk.accounts.choices import Availability
from caredesk.accounts.domain_events import AvailabilityChanged
from caredesk.accounts.models import AgentProfile, AgentShift, User
from caredesk.core import bus, clock
from caredesk.core.errors import NotFound, PermissionDenied, ValidationFailed

MAX_OPEN_LOAD_LIMIT = 100
MAX_TIER = 9
MAX_TAGS = 50
TAG_MAX_LENGTH = 50
UNSET: Any = object()


@dataclass(frozen=True)
class ShiftIn:
    weekday: int
    starts_at: time
    ends_at: time


@dataclass
class ProfileChanges:
    """Only the attributes given (not UNSET) change."""

    languages: Any = UNSET  # list[str]
    skills: Any = UNSET  # list[str]
    channels: Any = UNSET  # list[str]
    tier: Any = UNSET  # int
    max_open_load: Any = UNSET  # int
    shifts: Any = UNSET  # list[ShiftIn]


def locked_profile(agent: User) -> AgentProfile:
    """The agent's profile row, created with the defaults on first use, under a row lock."""
    AgentProfile.objects.bulk_create([AgentProfile(user=agent)], ignore_conflicts=True)
    return AgentProfile.objects.select_for_update().select_related("user").get(pk=agent.pk)


def profile_of(agent: User) -> AgentProfile:
    """The agent's profile; the defaults (not stored) for an agent who never had one."""
    return AgentProfile.objects.filter(pk=agent.pk).first() or AgentProfile(user=agent)


def set_availability(agent: User, *, availability: str) -> AgentProfile:
    """The agent says whether they take new work. Publishes ``AvailabilityChanged`` inside the
    transaction, so routing's reaction commits with the change."""
    if not policy.is_staff(agent):
        raise PermissionDenied("Only the team has an availability.", field="availability")
    if availability not in Availability.values:
        raise ValidationFailed(
            f"Availability is one of {', '.join(Availability.values)}.", field="availability"
        )
    with transaction.atomic():
        profile = locked_profile(agent)
        previous = profile.availability
        if previous == availability:
            return profile
        now = clock.now()
        profile.availability = availability
        profile.availability_changed_at = now
        profile.save(update_fields=["availability", "availability_changed_at"])
        bus.publish(
            AvailabilityChanged(agent=agent, previous=previous, availability=availability, at=now)
        )
    return profile


def _tags(values: Sequence[Any], *, field: str, lower: bool = True) -> list[str]:
    if not isinstance(values, list | tuple):
        raise ValidationFailed("Give a list of words.", field=field)
    cleaned: list[str] = []
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise ValidationFailed("Each entry is a non-empty word.", field=field)
        tag = value.strip().lower() if lower else value.strip()
        if len(tag) > TAG_MAX_LENGTH:
            raise ValidationFailed(
                f"{tag[:20]}… is longer than {TAG_MAX_LENGTH} characters.", field=field
            )
        if tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise ValidationFailed(f"At most {MAX_TAGS} entries.", field=field)
    return cleaned


def _languages(values: Sequence[Any]) -> list[str]:
    codes = _tags(values, field="languages")
    for code in codes:
        if not (2 <= len(code) <= 3 and code.isascii() and code.isalpha()):
            raise ValidationFailed(
                f"{code!r} is not a language code such as en, de or es.", field="languages"
            )
    return codes


def _channels(values: Sequence[Any]) -> list[str]:
    # The channel names are the tickets app's, which accounts may not import: checked by shape.
    channels = _tags(values, field="channels")
    for channel in channels:
        if not channel.isidentifier():
            raise ValidationFailed(f"{channel!r} is not a channel name.", field="channels")
    return channels


def _number(value: Any, *, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationFailed(f"A whole number from {low} to {high}.", field=field)
    return value


def _shifts(values: Sequence[ShiftIn]) -> list[ShiftIn]:
    for shift in values:
        _number(shift.weekday, field="shifts.weekday", low=0, high=6)
        if shift.ends_at <= shift.starts_at:
            raise ValidationFailed(
                "A shift ends after it starts; split a night shift in two.", field="shifts.ends_at"
            )
    ordered = sorted(values, key=lambda shift: (shift.weekday, shift.starts_at))
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.weekday == after.weekday and after.starts_at < before.ends_at:
            raise ValidationFailed("Shifts on one day may not overlap.", field="shifts")
    return ordered


def update_agent_profile(agent: User, *, actor: User, changes: ProfileChanges) -> AgentProfile:
    """Supervisors and admins set an agent's skills, languages, channels, tier, capacity and
    weekly shifts. Everything is checked before anything is written."""
    if not policy.can_manage_agent_skills(actor):
        raise PermissionDenied("Only supervisors and admins change skills.", field="agent")
    if not policy.is_staff(agent):
        raise NotFound("Agent not found.", field="agent")
    values: dict[str, Any] = {}
    if changes.languages is not UNSET:
        values["languages"] = _languages(changes.languages)
    if changes.skills is not UNSET:
        values["skills"] = _tags(changes.skills, field="skills")
    if changes.channels is not UNSET:
        values["channels"] = _channels(changes.channels)
    if changes.tier is not UNSET:
        values["tier"] = _number(changes.tier, field="tier", low=1, high=MAX_TIER)
    if changes.max_open_load is not UNSET:
        values["max_open_load"] = _number(
            changes.max_open_load, field="max_open_load", low=0, high=MAX_OPEN_LOAD_LIMIT
        )
    shifts = _shifts(changes.shifts) if changes.shifts is not UNSET else None
    with transaction.atomic():
        profile = locked_profile(agent)
        for name, value in values.items():
            setattr(profile, name, value)
        if values:
            profile.save(update_fields=list(values))
        if shifts is not None:
            AgentShift.objects.filter(user=agent).delete()
            AgentShift.objects.bulk_create(
                AgentShift(
                    user=agent,
                    weekday=shift.weekday,
                    starts_at=shift.starts_at,
                    ends_at=shift.ends_at,
                )
                for shift in shifts
            )
    return profile
