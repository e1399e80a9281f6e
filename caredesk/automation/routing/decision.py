"""Choosing who takes a ticket: a pure decision, no database, so every rule is a table test.

The service (``automation/routing/services/assignment.py``) gathers the facts: the team's agents with their
availability, shifts, skills and current weighted load, and the ticket's language, channel,
category, tags, priority and whether its customer is a VIP. ``decide`` answers with one agent (or
nobody) and the reasons, in words the timeline shows, for the one chosen and every one skipped.

The order of the checks: availability (incl. the weekly shift), the agent's channels, room under
their capacity; then the mode's choice among those left.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from caredesk.automation.choices import RoutingMode

ONLINE = "online"
URGENT = 4  # tickets.Priority.URGENT; automation reads the number, not the tickets enum


@dataclass(frozen=True)
class Shift:
    weekday: int  # Monday 0
    starts_at: time
    ends_at: time


@dataclass(frozen=True)
class Candidate:
    agent_id: int
    name: str
    availability: str
    load: float = 0.0  # weighted open tickets now
    capacity: int = 8
    languages: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()  # empty: every channel
    tier: int = 1
    time_zone: str = "UTC"
    shifts: tuple[Shift, ...] = ()


@dataclass(frozen=True)
class TicketFacts:
    ticket_id: int
    weight: float  # what this ticket adds to a load: the team's weight for its priority
    priority: int = 2
    language: str = ""
    channel: str = ""
    wanted_skills: frozenset[str] = frozenset()  # its category slug and tags
    is_vip: bool = False
    # Agents it must not go to, with why: the assignee who went offline or did not answer.
    excluded: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Skipped:
    agent_id: int
    name: str
    reason: str


@dataclass(frozen=True)
class Decision:
    agent_id: int | None
    agent_name: str
    reasons: tuple[str, ...]  # why this agent, or why nobody
    considered: tuple[int, ...]  # agents who passed availability, channel and capacity
    skipped: tuple[Skipped, ...]

    @property
    def summary(self) -> str:
        if self.agent_id is None:
            return f"left in the team queue: {'; '.join(self.reasons)}"
        return f"assigned to {self.agent_name}: {', '.join(self.reasons)}"


def number(value: float) -> str:
    return f"{value:g}"


def is_in_shift(candidate: Candidate, now: datetime) -> bool:
    if not candidate.shifts:
        return True
    try:
        zone = ZoneInfo(candidate.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    local = now.astimezone(zone)
    moment = local.time().replace(tzinfo=None)
    return any(
        shift.weekday == local.weekday() and shift.starts_at <= moment < shift.ends_at
        for shift in candidate.shifts
    )


def _unavailable_reason(candidate: Candidate, ticket: TicketFacts, now: datetime) -> str | None:
    if candidate.agent_id in ticket.excluded:
        return ticket.excluded[candidate.agent_id]
    if candidate.availability != ONLINE:
        return candidate.availability
    if not is_in_shift(candidate, now):
        return "outside their shift"
    if candidate.channels and ticket.channel and ticket.channel not in candidate.channels:
        return f"does not work {ticket.channel}"
    if candidate.load + ticket.weight > candidate.capacity:
        return f"at capacity, load {number(candidate.load)}/{candidate.capacity}"
    return None


def _load_text(candidate: Candidate) -> str:
    return f"load {number(candidate.load)}/{candidate.capacity}"


def _least_loaded(candidates: Sequence[Candidate], *, prefer_high_tier: bool) -> Candidate:
    """The most room left relative to capacity; then the lower load; then the tier the ticket
    prefers (experts for urgent and VIP, first line otherwise); then the lowest id, so a tie
    always breaks the same way."""
    tier_sign = -1 if prefer_high_tier else 1
    return min(
        candidates,
        key=lambda c: (c.load / c.capacity, c.load, tier_sign * c.tier, c.agent_id),
    )


def _round_robin(candidates: Sequence[Candidate], last_agent_id: int | None) -> Candidate:
    ordered = sorted(candidates, key=lambda c: c.agent_id)
    if last_agent_id is not None:
        for candidate in ordered:
            if candidate.agent_id > last_agent_id:
                return candidate
    return ordered[0]


def _by_skills(
    candidates: Sequence[Candidate], ticket: TicketFacts, skipped: list[Skipped]
) -> tuple[list[Candidate], list[str]]:
    """Narrow to the agents speaking the ticket's language, then to those with the most of its
    skills. A rule nobody available meets is dropped, and the reason says so."""
    reasons: list[str] = []
    pool = list(candidates)
    if ticket.language:
        speakers = [c for c in pool if ticket.language in c.languages]
        if speakers:
            skipped += [
                Skipped(c.agent_id, c.name, f"does not speak {ticket.language}")
                for c in pool
                if c not in speakers
            ]
            pool = speakers
            reasons.append(f"speaks {ticket.language}")
        else:
            reasons.append(f"nobody available speaks {ticket.language}")
    if ticket.wanted_skills:
        best = max(len(c.skills & ticket.wanted_skills) for c in pool)
        if best:
            matched = [c for c in pool if len(c.skills & ticket.wanted_skills) == best]
            wanted = ", ".join(sorted(ticket.wanted_skills))
            skipped += [
                Skipped(c.agent_id, c.name, f"fewer of the skills {wanted}")
                for c in pool
                if c not in matched
            ]
            pool = matched
        else:
            reasons.append(f"nobody available has skill {', '.join(sorted(ticket.wanted_skills))}")
    return pool, reasons


def decide(
    ticket: TicketFacts,
    candidates: Sequence[Candidate],
    *,
    mode: str,
    now: datetime,
    last_agent_id: int | None = None,
) -> Decision:
    """Who takes ``ticket`` among ``candidates`` (the team's agents) under ``mode``.

    ``last_agent_id`` is the team's round-robin cursor: the agent whose turn came last.
    """
    if mode == RoutingMode.MANUAL:
        return Decision(None, "", ("the team assigns by hand",), (), ())
    skipped: list[Skipped] = []
    eligible: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: c.agent_id):
        reason = _unavailable_reason(candidate, ticket, now)
        if reason is None:
            eligible.append(candidate)
        else:
            skipped.append(Skipped(candidate.agent_id, candidate.name, reason))
    considered = tuple(c.agent_id for c in eligible)
    if not eligible:
        reason = "no agent is available with room" if candidates else "the team has no agents"
        return Decision(None, "", (reason,), considered, tuple(skipped))
    reasons: list[str] = []
    if mode == RoutingMode.ROUND_ROBIN:
        chosen = _round_robin(eligible, last_agent_id)
        reasons.append("next in turn")
    elif mode == RoutingMode.SKILLS_BASED:
        pool, reasons = _by_skills(eligible, ticket, skipped)
        chosen = _least_loaded(pool, prefer_high_tier=ticket.priority >= URGENT or ticket.is_vip)
        if ticket.wanted_skills & chosen.skills:
            reasons.append(f"skill {', '.join(sorted(ticket.wanted_skills & chosen.skills))}")
    else:
        chosen = _least_loaded(
            eligible, prefer_high_tier=ticket.priority >= URGENT or ticket.is_vip
        )
        reasons.append("least loaded")
    reasons.append(_load_text(chosen))
    others = [
        Skipped(c.agent_id, c.name, f"not chosen, {_load_text(c)}")
        for c in eligible
        if c is not chosen and c.agent_id not in {s.agent_id for s in skipped}
    ]
    return Decision(
        chosen.agent_id, chosen.name, tuple(reasons), considered, tuple(skipped + others)
    )
