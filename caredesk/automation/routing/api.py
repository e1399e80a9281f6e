"""Teams' routing settings."""

from django.http import HttpRequest
from ninja import Router

from caredesk.accounts import policy
from caredesk.accounts.api_auth import api_caller
from caredesk.accounts.models import Team
from caredesk.automation.models import RoutingPolicy
from caredesk.automation.routing.schemas import RoutingOut, RoutingPatchIn
from caredesk.automation.routing.services.policies import (
    RoutingChanges,
    routing_policy_of,
    set_routing_policy,
)
from caredesk.core.errors import NotFound

router = Router(tags=["routing"])


def _team(request: HttpRequest, team_id: int) -> Team:
    if not policy.is_staff(api_caller(request)):
        raise NotFound("Not found.")
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise NotFound("Team not found.")
    return team


def _out(routing: RoutingPolicy, team: Team) -> RoutingOut:
    return RoutingOut(
        team_id=team.pk,
        mode=routing.mode,
        weight_low=float(routing.weight_low),
        weight_normal=float(routing.weight_normal),
        weight_high=float(routing.weight_high),
        weight_urgent=float(routing.weight_urgent),
        reassign_unanswered_after_minutes=routing.reassign_unanswered_after_minutes,
        reassign_when_offline=routing.reassign_when_offline,
    )


@router.get("/teams/{team_id}/routing", response=RoutingOut)
def get_routing(request: HttpRequest, team_id: int) -> RoutingOut:
    team = _team(request, team_id)
    return _out(routing_policy_of(team), team)


@router.patch("/teams/{team_id}/routing", response=RoutingOut)
def patch_routing(request: HttpRequest, team_id: int, payload: RoutingPatchIn) -> RoutingOut:
    team = _team(request, team_id)
    given = payload.model_dump(exclude_unset=True)
    changes = RoutingChanges()
    for name, value in given.items():
        if value is not None or name == "reassign_unanswered_after_minutes":
            setattr(changes, name, value)
    return _out(set_routing_policy(team, actor=api_caller(request), changes=changes), team)
