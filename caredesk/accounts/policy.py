"""The one permission policy. Every selector, service, API handler and view asks it.

Rules are written against field names (``team_id``, ``requester__user_id``...) so this module needs
no import of the apps above it. Each condition sits on its own line so coverage proves each branch.
Objects the viewer may not see are filtered out, and callers answer "not found" for them: a caller
never learns that a hidden object exists.
"""

from typing import Any

from django.db.models import Q

from caredesk.accounts.choices import STAFF_ROLES, Role

NOTHING = Q(pk__in=[])


def is_staff(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role in STAFF_ROLES)


def is_admin(user: Any) -> bool:
    return is_staff(user) and user.role == Role.ADMIN


def is_supervisor_or_admin(user: Any) -> bool:
    return is_staff(user) and user.role in (Role.ADMIN, Role.SUPERVISOR)


def is_customer(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role == Role.CUSTOMER)


def customer_profile_of(user: Any) -> Any:
    """The portal user's customer record, or None (reverse one-to-one from the customers app)."""
    return getattr(user, "customer_profile", None) if is_customer(user) else None


def ticket_scope(user: Any) -> Q:
    """Which tickets ``user`` may see, as a filter on the ticket table."""
    if is_admin(user):
        return Q()
    if is_staff(user):
        return Q(team_id__in=user.team_ids) | Q(assignee_id=user.id)
    profile = customer_profile_of(user)
    if profile is None:
        return NOTHING
    scope = Q(requester_id=profile.id)
    if profile.organisation_id and profile.organisation.members_see_each_other:
        scope |= Q(requester__organisation_id=profile.organisation_id)
    return scope


def message_scope(user: Any) -> Q:
    """Which messages of a visible ticket ``user`` may read: customers never see internal notes."""
    if is_staff(user):
        return Q()
    return Q(is_public=True)


def event_scope(user: Any) -> Q:
    """Which timeline events ``user`` may read: customers see only the customer-facing ones."""
    if is_staff(user):
        return Q()
    return Q(is_public=True)


def customer_scope(user: Any) -> Q:
    """Which customer records ``user`` may see: staff see the directory, customers themselves."""
    if is_staff(user):
        return Q()
    profile = customer_profile_of(user)
    if profile is None:
        return NOTHING
    return Q(pk=profile.id)


def can_update_ticket(user: Any, ticket: Any) -> bool:
    """Edit status, priority, assignee, team, tags, fields (the ticket is already visible)."""
    return is_staff(user)


def can_reply(user: Any, ticket: Any) -> bool:
    return is_staff(user) or is_customer(user)


def can_add_internal_note(user: Any) -> bool:
    return is_staff(user)


def can_merge_tickets(user: Any) -> bool:
    return is_staff(user)


def can_edit_customer(user: Any) -> bool:
    return is_staff(user)


def can_merge_customers(user: Any) -> bool:
    return is_staff(user)


def may_sign_in_by_link(user: Any) -> bool:
    """Whether a mailed one-time link may sign ``user`` in: active portal customers only. Staff
    sign in with their password, never by a link that skips it; a deactivated login stays out."""
    return is_customer(user)


def can_invite_customer(user: Any) -> bool:
    """Mail a customer a portal sign-in link in the team's name. Granting portal access is an
    account decision, so it sits with supervisors and admins, not with every record editor."""
    return is_supervisor_or_admin(user)


def can_view_channel_metrics(user: Any) -> bool:
    """Per-channel volumes and times; agents see them for the tickets their scope holds."""
    return is_staff(user)


def can_manage_settings(user: Any) -> bool:
    """Categories, custom fields, teams, users, tokens of other users."""
    return is_admin(user)


def can_view_directory(user: Any) -> bool:
    """Lists of agents, teams and organisations."""
    return is_staff(user)


def macro_scope(user: Any) -> Q:
    """Which macros ``user`` may see and apply: global ones, their teams' (every team's for
    admins) and their own personal ones. Customers see none."""
    if not is_staff(user):
        return NOTHING
    if is_admin(user):
        return Q(owner_id__isnull=True) | Q(owner_id=user.id)
    shared = Q(team_id__isnull=True, owner_id__isnull=True)
    return shared | Q(team_id__in=user.team_ids) | Q(owner_id=user.id)


def can_manage_macro(user: Any, macro: Any) -> bool:
    """Create, edit or delete ``macro`` (saved or not): personal ones by their owner, team ones
    by admins and the team's supervisors, global ones by admins."""
    if not is_staff(user):
        return False
    if macro.owner_id is not None:
        return bool(macro.owner_id == user.id)
    if is_admin(user):
        return True
    if user.role != Role.SUPERVISOR:
        return False
    return macro.team_id is not None and macro.team_id in user.team_ids


def can_manage_rules(user: Any) -> bool:
    """Automation rules act on every ticket as caredesk itself: only admins write or test them."""
    return is_admin(user)


def can_propose_action(user: Any) -> bool:
    """Refunds, credits and goodwill are staff actions; the ticket must already be visible."""
    return is_staff(user)


def approver_role_for(user: Any) -> Role:
    """Agents ask their team's supervisors; supervisors and admins ask the admins."""
    return Role.SUPERVISOR if user.role == Role.AGENT else Role.ADMIN


def can_decide_approval(user: Any, request: Any) -> bool:
    """Admins decide any request, a supervisor the agents' requests on their teams' tickets.

    Nobody decides their own request, whatever their role: that is the point of asking.
    """
    if not is_staff(user):
        return False
    if request.requested_by_id == user.id:
        return False
    if is_admin(user):
        return True
    if user.role != Role.SUPERVISOR:
        return False
    if request.approver_role != Role.SUPERVISOR:
        return False
    return request.ticket.team_id in user.team_ids


def can_cancel_approval(user: Any, request: Any) -> bool:
    return is_staff(user) and request.requested_by_id == user.id


def can_read_authority_limits(user: Any) -> bool:
    return is_staff(user)


def can_set_authority_limits(user: Any) -> bool:
    return can_manage_settings(user)


def can_manage_agent_skills(user: Any) -> bool:
    """Agents' skills, languages, capacity and shifts; teams' routing settings."""
    return is_supervisor_or_admin(user)
