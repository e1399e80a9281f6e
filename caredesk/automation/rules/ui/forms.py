"""The admin form for automation rules: conditions and actions as JSON, checked by the service."""

import json
from typing import Any

from django import forms

from caredesk.automation.choices import RuleEvent, RuleKind
from caredesk.automation.models import Rule
from caredesk.automation.rules.services.config import RuleChanges
from caredesk.core.errors import DomainError

CONDITIONS_EXAMPLE = (
    '{"all": [{"field": "ticket.status", "operator": "is", "value": "pending"}], "any": []}'
)
ACTIONS_EXAMPLE = '[{"type": "add_tags", "tags": ["waiting"]}]'


def _json_field(label: str, example: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "class": "code"}),
        help_text=f"JSON, for example {example}",
        max_length=100_000,
    )


class RuleForm(forms.Form):
    name = forms.CharField(max_length=120)
    kind = forms.ChoiceField(choices=RuleKind.choices, widget=forms.RadioSelect, initial="event")
    events = forms.MultipleChoiceField(
        choices=RuleEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Event triggers only; a time automation runs when its hours_since conditions come due.",
    )
    is_enabled = forms.BooleanField(label="Enabled", required=False, initial=True)
    conditions = _json_field("Conditions", CONDITIONS_EXAMPLE)
    actions = _json_field("Actions", ACTIONS_EXAMPLE)

    def __init__(self, *args: Any, rule: Rule | None = None, **kwargs: Any) -> None:
        if rule is not None and not args:
            kwargs["initial"] = {
                "name": rule.name,
                "kind": rule.kind,
                "events": rule.events,
                "is_enabled": rule.is_enabled,
                "conditions": json.dumps(rule.conditions, indent=2),
                "actions": json.dumps(rule.actions, indent=2),
            }
        super().__init__(*args, **kwargs)

    def _parsed(self, name: str) -> Any:
        try:
            return json.loads(self.cleaned_data[name])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                f"Not valid JSON: {error.msg} at line {error.lineno}."
            ) from error

    def clean_conditions(self) -> Any:
        return self._parsed("conditions")

    def clean_actions(self) -> Any:
        return self._parsed("actions")

    def changes(self) -> RuleChanges:
        data = self.cleaned_data
        return RuleChanges(
            name=data["name"],
            kind=data["kind"],
            events=list(data["events"]),
            conditions=data["conditions"],
            actions=data["actions"],
            is_enabled=data["is_enabled"],
        )

    def add_service_error(self, error: DomainError) -> None:
        """``conditions.all[1].operator`` goes under Conditions, quoting the path."""
        path = error.field or ""
        name = path.split(".")[0].split("[")[0]
        if name == "enabled":
            name = "is_enabled"
        if name in self.fields:
            message = error.message if path == name else f"{path}: {error.message}"
            self.add_error(name, message)
        else:
            self.add_error(None, error.message)


class DryRunForm(forms.Form):
    ticket = forms.IntegerField(label="Ticket number", min_value=1, max_value=2**31 - 1)
