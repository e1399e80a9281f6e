"""What a rule can do: the action vocabulary and its validation.

``actions`` is a list of ``{"type": ..., ...}``. References (teams, categories, agents) are checked
when the rule is saved, and again when it runs (a team may have been deleted since).
"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from caredesk.accounts.choices import STAFF_ROLES
from caredesk.accounts.models import Team, User
from caredesk.automation.placeholders import placeholders_in
from caredesk.core.errors import ValidationFailed
from caredesk.tickets.choices import PRIORITY_BY_NAME, TicketStatus
from caredesk.tickets.models import Category
from caredesk.tickets.tagging import normalise_tags

# type -> (required keys, optional keys)
ACTIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "set_status": (frozenset({"status"}), frozenset()),
    "set_priority": (frozenset({"priority"}), frozenset()),
    "set_team": (frozenset({"team"}), frozenset()),
    "set_category": (frozenset({"category"}), frozenset()),
    "assign": (frozenset({"agent"}), frozenset()),  # agent: an email, or null to unassign
    "add_tags": (frozenset({"tags"}), frozenset()),
    "remove_tags": (frozenset({"tags"}), frozenset()),
    "add_note": (frozenset({"body"}), frozenset()),
    "send_reply": (frozenset({"body"}), frozenset()),  # placeholders as in macros
    "notify": (frozenset({"subject"}), frozenset({"agents", "teams", "assignee", "body"})),
    "webhook": (frozenset({"url"}), frozenset()),
}
MAX_ACTIONS = 20
MAX_TEXT = 10_000


def validate_actions(actions: Any) -> list[dict[str, Any]]:
    """The actions in canonical form, or ``ValidationFailed`` naming the item at fault."""
    if not isinstance(actions, list) or not actions:
        raise ValidationFailed("A rule needs a list of at least one action.", field="actions")
    if len(actions) > MAX_ACTIONS:
        raise ValidationFailed(f"At most {MAX_ACTIONS} actions.", field="actions")
    return [_validate(action, f"actions[{index}]") for index, action in enumerate(actions)]


def _validate(action: Any, path: str) -> dict[str, Any]:
    if not isinstance(action, Mapping):
        raise ValidationFailed("An action is an object with a 'type'.", field=path)
    kind = action.get("type")
    if kind not in ACTIONS:
        raise ValidationFailed(
            f"Unknown action {kind!r}; use one of {', '.join(ACTIONS)}.", field=f"{path}.type"
        )
    required, optional = ACTIONS[kind]
    unknown = set(action) - required - optional - {"type"}
    if unknown:
        name = sorted(unknown)[0]
        raise ValidationFailed(f"{kind} takes no {name!r}.", field=f"{path}.{name}")
    for name in sorted(required):
        if name not in action:
            raise ValidationFailed(f"{kind} needs {name!r}.", field=f"{path}.{name}")
    for name, value in action.items():
        if name != "type":
            _check(kind, name, value, f"{path}.{name}")
    if kind == "notify" and not (
        action.get("agents") or action.get("teams") or action.get("assignee")
    ):
        raise ValidationFailed(
            "notify needs someone to tell: agents, teams or assignee.", field=f"{path}.agents"
        )
    if kind in ("add_tags", "remove_tags"):
        return {"type": kind, "tags": normalise_tags(action["tags"])}
    return dict(action)


def _check(kind: str, name: str, value: Any, path: str) -> None:
    if name == "status":
        if value not in TicketStatus.values:
            raise ValidationFailed(
                f"A status is one of {', '.join(TicketStatus.values)}.", field=path
            )
    elif name == "priority":
        if value not in PRIORITY_BY_NAME:
            raise ValidationFailed(
                f"A priority is one of {', '.join(PRIORITY_BY_NAME)}.", field=path
            )
    elif name == "team":
        resolve_team(value, field=path)
    elif name == "category":
        if value is not None:
            resolve_category(value, field=path)
    elif name == "agent":
        if value is not None:
            resolve_agent(value, field=path)
    elif name == "agents":
        if not isinstance(value, list):
            raise ValidationFailed("agents is a list of emails.", field=path)
        for index, email in enumerate(value):
            resolve_agent(email, field=f"{path}[{index}]")
    elif name == "teams":
        if not isinstance(value, list):
            raise ValidationFailed("teams is a list of team slugs.", field=path)
        for index, slug in enumerate(value):
            resolve_team(slug, field=f"{path}[{index}]")
    elif name == "assignee":
        if not isinstance(value, bool):
            raise ValidationFailed("assignee is true or false.", field=path)
    elif name == "tags":
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(tag, str) for tag in value)
        ):
            raise ValidationFailed("tags is a non-empty list of tag names.", field=path)
        try:
            normalise_tags(value)
        except ValidationFailed as error:
            raise ValidationFailed(error.message, field=path) from error
    elif name in ("body", "subject"):
        _check_text(value, path, placeholders=kind == "send_reply" or name == "subject")
    elif name == "url":
        check_url(value, field=path)


def _check_text(value: Any, path: str, *, placeholders: bool) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationFailed("This cannot be empty.", field=path)
    if len(value) > MAX_TEXT:
        raise ValidationFailed(f"At most {MAX_TEXT} characters.", field=path)
    if placeholders:
        placeholders_in(value, field=path)


def check_url(value: Any, *, field: str) -> str:
    """Webhooks go to http(s) URLs only: no file:, gopher: or other schemes a library may follow."""
    if not isinstance(value, str) or len(value) > 500:
        raise ValidationFailed("A URL of at most 500 characters.", field=field)
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationFailed("Webhooks call http:// or https:// URLs only.", field=field)
    return value


def resolve_team(slug: Any, *, field: str) -> Team:
    team = Team.objects.filter(slug=slug).first() if isinstance(slug, str) else None
    if team is None:
        raise ValidationFailed(f"No team {slug!r}.", field=field)
    return team


def resolve_category(slug: Any, *, field: str) -> Category:
    category = (
        Category.objects.filter(slug=slug, is_active=True).first()
        if isinstance(slug, str)
        else None
    )
    if category is None:
        raise ValidationFailed(f"No active category {slug!r}.", field=field)
    return category


def resolve_agent(email: Any, *, field: str) -> User:
    user = (
        User.objects.filter(email__iexact=email, is_active=True, role__in=STAFF_ROLES).first()
        if isinstance(email, str)
        else None
    )
    if user is None:
        raise ValidationFailed(f"No active team member {email!r}.", field=field)
    return user
