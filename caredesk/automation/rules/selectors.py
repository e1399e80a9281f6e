"""Reads of automation rules: only admins see them."""

from typing import Any

from django.db.models import QuerySet

from caredesk.accounts import policy
from caredesk.automation.models import Rule
from caredesk.core.errors import NotFound
from caredesk.core.pagination import MAX_DATABASE_ID


def rules_for(user: Any) -> QuerySet[Rule]:
    """Every rule, in order, for admins; the API and views refuse everyone else before this."""
    if not policy.can_manage_rules(user):
        return Rule.objects.none()
    return Rule.objects.order_by("position", "id")


def get_rule_for(user: Any, rule_id: int) -> Rule:
    if not 1 <= rule_id <= MAX_DATABASE_ID:
        raise NotFound("Rule not found.")
    rule = rules_for(user).filter(pk=rule_id).first()
    if rule is None:
        raise NotFound("Rule not found.")
    return rule
