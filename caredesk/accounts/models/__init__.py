"""Accounts models. Import them from here: ``from caredesk.accounts.models import User``."""

from caredesk.accounts.models.agent_profile import AgentProfile, AgentShift
from caredesk.accounts.models.login_link import LoginLink
from caredesk.accounts.models.notification import Notification
from caredesk.accounts.models.team import Team
from caredesk.accounts.models.token import ApiToken
from caredesk.accounts.models.user import User

__all__ = ["AgentProfile", "AgentShift", "ApiToken", "LoginLink", "Notification", "Team", "User"]
