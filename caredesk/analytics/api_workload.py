"""The workload of a team's agents: availability, load and capacity, for supervisors."""

from django.http import HttpRequest
from ninja import Router, Schema

from caredesk.accounts import policy
from caredesk.accounts.api_auth import api_caller
from caredesk.accounts.models import Team
from caredesk.analytics.workload import team_workload
from caredesk.core.errors import NotFound

router = Router(tags=["routing"])


class WorkloadOut(Schema):
    agent_id: int
    name: str
    availability: str
    load: float
    capacity: int
    languages: list[str]
    skills: list[str]
    in_shift: bool


@router.get("/teams/{team_id}/workload", response=list[WorkloadOut])
def get_workload(request: HttpRequest, team_id: int) -> list:
    caller = api_caller(request)
    if not policy.is_staff(caller):
        raise NotFound("Not found.")
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise NotFound("Team not found.")
    if not policy.can_manage_agent_skills(caller):
        raise NotFound("Not found.")
    return team_workload(team)
