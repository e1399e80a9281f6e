"""Admins' form for a team's on-call person. It never saves; ``set_on_call`` decides who qualifies."""

from typing import Any

from django import forms

from caredesk.accounts.choices import STAFF_ROLES, Role
from caredesk.accounts.models import Team, User

ON_CALL_ROLES = (Role.SUPERVISOR, Role.ADMIN)


def on_call_candidates(team: Team) -> list[User]:
    """The team's active supervisors and admins; read from ``members`` as prefetched."""
    return [
        member for member in team.members.all() if member.is_active and member.role in ON_CALL_ROLES
    ]


class OnCallForm(forms.Form):
    user = forms.ModelChoiceField(
        label="On call",
        queryset=User.objects.filter(role__in=STAFF_ROLES),
        required=False,
        empty_label="Nobody",
    )

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_team{team.pk}_%s")
        super().__init__(*args, **kwargs)
        self.team = team
        if not self.is_bound:
            self.initial = {"user": team.on_call_id}
        # Any staff member parses, so that the service, not the form, explains who qualifies;
        # only those who do are offered.
        field = self.fields["user"]
        field.label = f"On call for {team.name}"
        field.widget.choices = [("", "Nobody")] + [
            (member.pk, f"{member.name} ({member.get_role_display()})")
            for member in on_call_candidates(team)
        ]
