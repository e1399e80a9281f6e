"""Reads of approval requests and authority limits, always scoped to the viewer.

A request is visible with its ticket, and only to staff: customers never learn that a refund
was discussed. Requests of hidden tickets answer "not found", like the tickets themselves.
"""

from typing import Any

from django.db.models import Q, QuerySet

from caredesk.accounts import policy
from caredesk.accounts.choices import Role
from caredesk.automation.models import ApprovalRequest, AuthorityLimit
from caredesk.core.errors import NotFound
from caredesk.core.pagination import MAX_DATABASE_ID
from caredesk.tickets.models import Ticket
from caredesk.tickets.selectors import tickets_visible_to


def with_relations(queryset: QuerySet[ApprovalRequest]) -> QuerySet[ApprovalRequest]:
    """Everything a row shows, in one query whatever the number of rows."""
    return queryset.select_related("ticket", "requested_by", "decided_by")


def approvals_visible_to(user: Any) -> QuerySet[ApprovalRequest]:
    if not policy.is_staff(user):
        return ApprovalRequest.objects.none()
    if policy.is_admin(user):
        return ApprovalRequest.objects.all()
    return ApprovalRequest.objects.filter(ticket__in=tickets_visible_to(user).values("pk"))


def approvals_of(user: Any, ticket: Ticket) -> QuerySet[ApprovalRequest]:
    """The requests on ``ticket`` (found through ``get_ticket_for``), newest first."""
    if not policy.is_staff(user):
        return ApprovalRequest.objects.none()
    return with_relations(ticket.approval_requests.all())


def get_approval_for(user: Any, approval_id: int) -> ApprovalRequest:
    if not 1 <= approval_id <= MAX_DATABASE_ID:
        raise NotFound("Approval request not found.")
    request = with_relations(approvals_visible_to(user)).filter(pk=approval_id).first()
    if request is None:
        raise NotFound("Approval request not found.")
    return request


def approval_queue_of(user: Any, *, state: str) -> QuerySet[ApprovalRequest]:
    """The requests a user follows: admins all of them, supervisors their teams' tickets' and
    their own, agents their own."""
    requests = approvals_visible_to(user).filter(state=state)
    if policy.is_admin(user):
        return with_relations(requests)
    mine = Q(requested_by_id=user.id) if policy.is_staff(user) else Q(pk__in=[])
    if policy.is_staff(user) and user.role == Role.SUPERVISOR:
        mine |= Q(ticket__team_id__in=user.team_ids)
    return with_relations(requests.filter(mine))


def authority_limits() -> QuerySet[AuthorityLimit]:
    return AuthorityLimit.objects.all()
