"""Whether an agent takes chats now, and the heartbeat that keeps "online" honest."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction

from caredesk.accounts import policy
from caredesk.accounts.choices import Availability
from caredesk.accounts.models import User
from caredesk.accounts.services import agent_profiles
from caredesk.channels.chat.locks import locked_capacity
from caredesk.channels.chat.models import AgentChatCapacity
from caredesk.core import clock
from caredesk.core.errors import PermissionDenied, ValidationFailed

# Heartbeats closer together than this do not write; the presence timeout is several times it.
SEEN_RESOLUTION = timedelta(seconds=10)
MAX_CONCURRENT_LIMIT = 20


def _check_staff(agent: User) -> None:
    if not policy.is_staff(agent):
        raise PermissionDenied("Only the team takes chats.", field="availability")


@dataclass(frozen=True)
class ChatPresence:
    availability: str  # the agent's one availability, which routing reads too
    max_concurrent: int


def set_availability(agent: User, *, availability: str) -> ChatPresence:
    """The Chats page's toggle: the same availability as the workspace header's."""
    _check_staff(agent)
    with transaction.atomic():
        profile = agent_profiles.set_availability(agent, availability=availability)
        capacity = locked_capacity(agent)
        capacity.last_seen_at = clock.now()
        capacity.save(update_fields=["last_seen_at"])
    return ChatPresence(profile.availability, capacity.max_concurrent)


def set_chat_limit(agent: User, *, actor: User, max_concurrent: int) -> AgentChatCapacity:
    """Supervisors set how many chats an agent takes at once."""
    if not policy.is_supervisor_or_admin(actor):
        raise PermissionDenied("Only supervisors set chat limits.", field="max_concurrent")
    if not 1 <= max_concurrent <= MAX_CONCURRENT_LIMIT:
        raise ValidationFailed(
            f"The limit is between 1 and {MAX_CONCURRENT_LIMIT}.", field="max_concurrent"
        )
    with transaction.atomic():
        capacity = locked_capacity(agent)
        capacity.max_concurrent = max_concurrent
        capacity.save(update_fields=["max_concurrent"])
    return capacity


def agent_connected(agent: User) -> ChatPresence:
    """The agent opened the Chats page: an agent who was offline comes online (for tickets too:
    they are at work); away stays away."""
    _check_staff(agent)
    with transaction.atomic():
        profile = agent_profiles.profile_of(agent)
        if profile.availability == Availability.OFFLINE:
            profile = agent_profiles.set_availability(agent, availability=Availability.ONLINE)
        capacity = locked_capacity(agent)
        capacity.last_seen_at = clock.now()
        capacity.save(update_fields=["last_seen_at"])
    return ChatPresence(profile.availability, capacity.max_concurrent)


def note_agent_seen(agent: User) -> None:
    now = clock.now()
    AgentChatCapacity.objects.filter(pk=agent.pk, last_seen_at__lt=now - SEEN_RESOLUTION).update(
        last_seen_at=now
    )
