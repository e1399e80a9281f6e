"""The workload view: each agent of a team with their availability, load and capacity, skills.

Reads only; three queries whatever the team's size (agents with profiles, shifts, loads).
"""

from dataclasses import dataclass

from caredesk.accounts.models import Team
from caredesk.automation.routing.decision import is_in_shift
from caredesk.automation.routing.services.assignment import team_candidates
from caredesk.automation.routing.services.policies import routing_policy_of
from caredesk.core import clock


@dataclass(frozen=True)
class AgentWorkload:
    agent_id: int
    name: str
    availability: str
    load: float
    capacity: int
    languages: list[str]
    skills: list[str]
    in_shift: bool

    @property
    def is_full(self) -> bool:
        return self.load >= self.capacity


def team_workload(team: Team) -> list[AgentWorkload]:
    now = clock.now()
    weights = routing_policy_of(team).weights()
    rows = [
        AgentWorkload(
            agent_id=candidate.agent_id,
            name=candidate.name,
            availability=candidate.availability,
            load=candidate.load,
            capacity=candidate.capacity,
            languages=sorted(candidate.languages),
            skills=sorted(candidate.skills),
            in_shift=is_in_shift(candidate, now),
        )
        for candidate in team_candidates(team.pk, weights)
    ]
    return sorted(rows, key=lambda row: (row.name, row.agent_id))
