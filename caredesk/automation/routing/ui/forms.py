"""Forms of the routing screen: an agent's availability and a team's routing settings.
They parse only; the services decide what is allowed."""

from typing import Any

from django import forms

from caredesk.accounts.choices import Availability
from caredesk.automation.choices import RoutingMode
from caredesk.automation.models import RoutingPolicy
from caredesk.automation.routing.services.policies import RoutingChanges


class AvailabilityForm(forms.Form):
    availability = forms.ChoiceField(label="Availability", choices=Availability.choices)


class RoutingPolicyForm(forms.Form):
    mode = forms.ChoiceField(label="Routing", choices=RoutingMode.choices)
    weight_low = forms.DecimalField(label="Low", min_value=0.01, max_value=10, decimal_places=2)
    weight_normal = forms.DecimalField(
        label="Normal", min_value=0.01, max_value=10, decimal_places=2
    )
    weight_high = forms.DecimalField(label="High", min_value=0.01, max_value=10, decimal_places=2)
    weight_urgent = forms.DecimalField(
        label="Urgent", min_value=0.01, max_value=10, decimal_places=2
    )
    reassign_unanswered_after_minutes = forms.IntegerField(
        label="Reassign if not answered within (minutes)",
        required=False,
        min_value=1,
        max_value=10080,
        help_text="Empty: never.",
    )
    reassign_when_offline = forms.BooleanField(
        label="Reassign an agent's tickets when they go offline", required=False
    )

    def __init__(self, *args: Any, routing: RoutingPolicy, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_routing{routing.team_id}_%s")
        super().__init__(*args, **kwargs)
        self.team_id = routing.team_id
        if not self.is_bound:
            self.initial = {name: getattr(routing, name) for name in self.fields}

    def changes(self) -> RoutingChanges:
        return RoutingChanges(**self.cleaned_data)
