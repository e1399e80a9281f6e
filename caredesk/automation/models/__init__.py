"""Automation models. Import them from here: ``from caredesk.automation.models import ApprovalRequest``."""

from caredesk.automation.models.approval import ApprovalRequest
from caredesk.automation.models.authority import AuthorityLimit
from caredesk.automation.models.routing import AnswerDeadline, RoutingPolicy

__all__ = ["AnswerDeadline", "ApprovalRequest", "AuthorityLimit", "RoutingPolicy"]
