"""Automation models. Import them from here: ``from caredesk.automation.models import ApprovalRequest``."""

from caredesk.automation.models.approval import ApprovalRequest
from caredesk.automation.models.authority import AuthorityLimit

__all__ = ["ApprovalRequest", "AuthorityLimit"]
