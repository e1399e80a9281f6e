"""Admins' form for escalation rules: it parses what was chosen into the values
``save_escalation_rule`` takes, and never saves. The service checks names, tags and teams."""

from typing import Any

from django import forms

from caredesk.accounts.models import Team
from caredesk.sla.choices import SlaTarget
from caredesk.sla.models import EscalationRule, EscalationTrigger, SlaPolicy
from caredesk.sla.services.escalation_rules import MAX_DELAY_MINUTES
from caredesk.tickets.choices import Priority

TRIGGER_CHOICES = [
    (EscalationTrigger.WARNING.value, "Warning: the target is nearly used up"),
    (EscalationTrigger.BREACH.value, "Breach: the due time has passed"),
]
PRIORITY_CHOICES = [("", "Leave it as it is"), *((p.value, p.label.title()) for p in Priority)]


class EscalationRuleForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100)
    position = forms.IntegerField(
        label="Level",
        min_value=0,
        required=False,
        help_text="Lower levels act first.",
    )
    is_active = forms.BooleanField(label="Active", required=False)
    policy = forms.ModelChoiceField(
        label="SLA policy",
        queryset=SlaPolicy.objects.all(),
        required=False,
        empty_label="Any policy",
    )
    target = forms.ChoiceField(
        label="Target",
        required=False,
        choices=[("", "Any target"), *SlaTarget.choices],
    )
    trigger = forms.ChoiceField(label="Acts on", choices=TRIGGER_CHOICES, widget=forms.RadioSelect)
    delay_minutes = forms.IntegerField(
        label="Wait (minutes)",
        min_value=0,
        max_value=MAX_DELAY_MINUTES,
        help_text="After the warning or breach; 0 acts at once. A stopped clock cancels the wait.",
    )
    notify_assignee = forms.BooleanField(label="Notify the assignee", required=False)
    notify_team_supervisors = forms.BooleanField(
        label="Notify the team's supervisors", required=False
    )
    notify_on_call = forms.BooleanField(label="Notify the team's on-call person", required=False)
    raise_priority_to = forms.TypedChoiceField(
        label="Raise the priority to",
        required=False,
        choices=PRIORITY_CHOICES,
        coerce=int,
        empty_value=None,
        help_text="Only ever raised; a higher priority is kept.",
    )
    reassign_to_team = forms.ModelChoiceField(
        label="Move the ticket to team",
        queryset=Team.objects.all(),
        required=False,
        empty_label="Keep the ticket's team",
    )
    assign_to_on_call = forms.BooleanField(
        label="Assign the ticket to the team's on-call person", required=False
    )
    add_tag = forms.CharField(
        label="Add the tag",
        max_length=100,
        required=False,
        help_text="Letters, digits, '-', '_' and '.'; empty for none.",
    )

    def __init__(self, *args: Any, rule: EscalationRule | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial = self.initial_for(rule) if rule else self._new_initial()

    def _new_initial(self) -> dict[str, Any]:
        return {
            "is_active": True,
            "position": EscalationRule.objects.count(),
            "trigger": EscalationTrigger.BREACH,
            "delay_minutes": 0,
            "notify_assignee": True,
        }

    def initial_for(self, rule: EscalationRule) -> dict[str, Any]:
        related = {"policy": rule.policy_id, "reassign_to_team": rule.reassign_to_team_id}
        return {name: related.get(name, getattr(rule, name)) for name in self.fields}

    def values(self) -> dict[str, Any]:
        """Every field ``save_escalation_rule`` takes; an empty level puts a new rule last."""
        values = dict(self.cleaned_data)
        if values["position"] is None:
            del values["position"]
        return values


def rule_actions(rule: EscalationRule) -> list[str]:
    """What a rule does, in words, for the list of rules."""
    actions = []
    if rule.notify_assignee:
        actions.append("notify the assignee")
    if rule.notify_team_supervisors:
        actions.append("notify the team's supervisors")
    if rule.notify_on_call:
        actions.append("notify the on-call person")
    if rule.raise_priority_to:
        actions.append(f"raise priority to {Priority(rule.raise_priority_to).label}")
    if rule.reassign_to_team is not None:
        actions.append(f"move to {rule.reassign_to_team.name}")
    if rule.assign_to_on_call:
        actions.append("assign to the on-call person")
    if rule.add_tag:
        actions.append(f"tag {rule.add_tag}")
    return actions


def rule_condition(rule: EscalationRule) -> str:
    """When a rule acts, in words: "Breach of first response (policy Gold), after 30 min"."""
    trigger = "Warning" if rule.trigger == EscalationTrigger.WARNING else "Breach"
    target = SlaTarget(rule.target).label.lower() if rule.target else "any target"
    text = f"{trigger} of {target}"
    if rule.policy is not None:
        text += f" (policy {rule.policy.name})"
    if rule.delay_minutes:
        text += f", after {rule.delay_minutes} min"
    return text
