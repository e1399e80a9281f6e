"""Directory (teams, agents), the caller's own account and API tokens."""

from django.http import HttpRequest
from ninja import Router, Status

from caredesk.accounts import policy
from caredesk.accounts.api_auth import api_caller
from caredesk.accounts.choices import STAFF_ROLES
from caredesk.accounts.models import ApiToken, Team, User
from caredesk.accounts.schemas import AgentOut, MeOut, TeamOut, TokenCreatedOut, TokenIn, TokenOut
from caredesk.accounts.services.tokens import issue_token, revoke_token
from caredesk.core.errors import NotFound

router = Router(tags=["accounts"])


def _require_directory(user: User) -> None:
    if not policy.can_view_directory(user):
        raise NotFound("Not found.")


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> User:
    return api_caller(request)


@router.get("/teams", response=list[TeamOut])
def list_teams(request: HttpRequest) -> list:
    _require_directory(api_caller(request))
    return list(Team.objects.all())


@router.get("/teams/{team_id}", response=TeamOut)
def get_team(request: HttpRequest, team_id: int) -> Team:
    _require_directory(api_caller(request))
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise NotFound("Team not found.")
    return team


@router.get("/agents", response=list[AgentOut])
def list_agents(request: HttpRequest) -> list:
    _require_directory(api_caller(request))
    return list(User.objects.filter(role__in=STAFF_ROLES, is_active=True).prefetch_related("teams"))


@router.get("/agents/{agent_id}", response=AgentOut)
def get_agent(request: HttpRequest, agent_id: int) -> User:
    _require_directory(api_caller(request))
    agent = User.objects.filter(pk=agent_id, role__in=STAFF_ROLES).prefetch_related("teams").first()
    if agent is None:
        raise NotFound("Agent not found.")
    return agent


@router.get("/tokens", response=list[TokenOut])
def list_tokens(request: HttpRequest) -> list:
    return list(ApiToken.objects.filter(user=api_caller(request), revoked_at__isnull=True))


@router.post("/tokens", response={201: TokenCreatedOut})
def create_token(request: HttpRequest, payload: TokenIn) -> Status:
    issued = issue_token(api_caller(request), name=payload.name)
    return Status(
        201,
        {
            "id": issued.token.pk,
            "name": issued.token.name,
            "token": issued.secret,
            "created_at": issued.token.created_at,
        },
    )


@router.delete("/tokens/{token_id}", response={204: None})
def delete_token(request: HttpRequest, token_id: int) -> Status:
    revoke_token(api_caller(request), token_id=token_id)
    return Status(204, None)
