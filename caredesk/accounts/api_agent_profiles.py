"""Agents' availability (each agent's own) and routing profile (skills, languages, capacity,
weekly shifts; set by supervisors and admins)."""

from datetime import datetime, time
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import ConfigDict, Field

from caredesk.accounts import policy
from caredesk.accounts.api_auth import api_caller
from caredesk.accounts.choices import STAFF_ROLES
from caredesk.accounts.models import AgentProfile, User
from caredesk.accounts.services.agent_profiles import (
    ProfileChanges,
    ShiftIn,
    profile_of,
    set_availability,
    update_agent_profile,
)
from caredesk.core.errors import NotFound

router = Router(tags=["agents"])


class StrictSchema(Schema):
    model_config = ConfigDict(extra="forbid")


class AvailabilityIn(StrictSchema):
    availability: Literal["online", "away", "offline"]


class AvailabilityOut(Schema):
    agent_id: int
    availability: str
    availability_changed_at: datetime | None


class ShiftSchema(StrictSchema):
    weekday: int = Field(ge=0, le=6, description="Monday 0 ... Sunday 6")
    starts_at: time
    ends_at: time


class ProfileOut(Schema):
    agent_id: int
    availability: str
    availability_changed_at: datetime | None
    languages: list[str]
    skills: list[str]
    channels: list[str]
    tier: int
    max_open_load: int
    shifts: list[ShiftSchema]


class ProfilePatchIn(StrictSchema):
    languages: list[str] | None = Field(default=None, max_length=50)
    skills: list[str] | None = Field(default=None, max_length=50)
    channels: list[str] | None = Field(default=None, max_length=10)
    tier: int | None = None
    max_open_load: int | None = None
    shifts: list[ShiftSchema] | None = Field(default=None, max_length=50)


def _availability(profile: AgentProfile) -> AvailabilityOut:
    return AvailabilityOut(
        agent_id=profile.user_id,
        availability=profile.availability,
        availability_changed_at=profile.availability_changed_at,
    )


def _profile(agent: User) -> ProfileOut:
    profile = profile_of(agent)
    return ProfileOut(
        agent_id=agent.pk,
        availability=profile.availability,
        availability_changed_at=profile.availability_changed_at,
        languages=profile.spoken_languages,
        skills=list(profile.skills),
        channels=list(profile.channels),
        tier=profile.tier,
        max_open_load=profile.max_open_load,
        shifts=[
            ShiftSchema(weekday=s.weekday, starts_at=s.starts_at, ends_at=s.ends_at)
            for s in agent.shifts.all()
        ],
    )


def _agent(request: HttpRequest, agent_id: int) -> User:
    if not policy.can_view_directory(api_caller(request)):
        raise NotFound("Not found.")
    agent = User.objects.filter(pk=agent_id, role__in=STAFF_ROLES).first()
    if agent is None:
        raise NotFound("Agent not found.")
    return agent


@router.get("/agents/me/availability", response=AvailabilityOut)
def get_my_availability(request: HttpRequest) -> AvailabilityOut:
    user = api_caller(request)
    if not policy.is_staff(user):
        raise NotFound("Not found.")
    return _availability(profile_of(user))


@router.patch("/agents/me/availability", response=AvailabilityOut)
def patch_my_availability(request: HttpRequest, payload: AvailabilityIn) -> AvailabilityOut:
    user = api_caller(request)
    if not policy.is_staff(user):
        raise NotFound("Not found.")
    return _availability(set_availability(user, availability=payload.availability))


@router.get("/agents/{agent_id}/profile", response=ProfileOut)
def get_agent_profile(request: HttpRequest, agent_id: int) -> ProfileOut:
    return _profile(_agent(request, agent_id))


@router.patch("/agents/{agent_id}/profile", response=ProfileOut)
def patch_agent_profile(request: HttpRequest, agent_id: int, payload: ProfilePatchIn) -> ProfileOut:
    agent = _agent(request, agent_id)
    given = payload.model_dump(exclude_unset=True)
    changes = ProfileChanges()
    for name in ("languages", "skills", "channels", "tier", "max_open_load"):
        if name in given and given[name] is not None:
            setattr(changes, name, given[name])
    if "shifts" in given:
        changes.shifts = [ShiftIn(s.weekday, s.starts_at, s.ends_at) for s in payload.shifts or []]
    update_agent_profile(agent, actor=api_caller(request), changes=changes)
    return _profile(agent)
