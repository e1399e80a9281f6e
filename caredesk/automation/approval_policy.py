"""Who may propose, decide and configure amounts: the approval rules of ``accounts/policy.py``.

Written against field names and ``accounts.policy`` only, in that module's style, so they can move
into the one policy module unchanged (see the report that introduced this app).
"""

from typing import Any

from caredesk.accounts import policy
from caredesk.accounts.choices import Role


def can_propose_action(user: Any) -> bool:
    """Refunds, credits and goodwill are staff actions; the ticket must already be visible."""
    return policy.is_staff(user)


def approver_role_for(user: Any) -> Role:
    """Agents ask their team's supervisors; supervisors and admins ask the admins."""
    return Role.SUPERVISOR if user.role == Role.AGENT else Role.ADMIN


def can_decide_approval(user: Any, request: Any) -> bool:
    """Admins decide any request, a supervisor the agents' requests on their teams' tickets.

    Nobody decides their own request, whatever their role: that is the point of asking.
    """
    if not policy.is_staff(user):
        return False
    if request.requested_by_id == user.id:
        return False
    if policy.is_admin(user):
        return True
    if user.role != Role.SUPERVISOR:
        return False
    if request.approver_role != Role.SUPERVISOR:
        return False
    return request.ticket.team_id in user.team_ids


def can_cancel_approval(user: Any, request: Any) -> bool:
    return policy.is_staff(user) and request.requested_by_id == user.id


def can_read_authority_limits(user: Any) -> bool:
    return policy.is_staff(user)


def can_set_authority_limits(user: Any) -> bool:
    return policy.can_manage_settings(user)
