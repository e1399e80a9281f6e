from datetime import datetime

from ninja import Schema
from pydantic import ConfigDict, Field

from caredesk.accounts.models import User


class TeamOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    is_default: bool


class AgentOut(Schema):
    id: int
    name: str
    email: str
    role: str
    team_ids: list[int]

    @staticmethod
    def resolve_team_ids(user: User) -> list[int]:
        return sorted(team.pk for team in user.teams.all())


class MeOut(AgentOut):
    language: str
    timezone: str


class TokenIn(Schema):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(default="", max_length=100)


class TokenCreatedOut(Schema):
    id: int
    name: str
    token: str
    created_at: datetime


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
