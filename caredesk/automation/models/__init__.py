"""Automation models. Import them from here: ``from caredesk.automation.models import ApprovalRequest``."""

from caredesk.automation.models.approval import ApprovalRequest
from caredesk.automation.models.authority import AuthorityLimit
from caredesk.automation.models.macro import Macro, MacroTranslation, MacroUsage
from caredesk.automation.models.routing import AnswerDeadline, RoutingPolicy
from caredesk.automation.models.rule import Rule, RuleSchedule
from caredesk.automation.models.webhook import WebhookDelivery

__all__ = [
    "AnswerDeadline",
    "ApprovalRequest",
    "AuthorityLimit",
    "Macro",
    "MacroTranslation",
    "MacroUsage",
    "RoutingPolicy",
    "Rule",
    "RuleSchedule",
    "WebhookDelivery",
]
