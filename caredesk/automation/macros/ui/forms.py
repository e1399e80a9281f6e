"""Forms of the macro screens: the editor on the settings page and the picker in the reply box.
They parse input into what the services take and never save."""

from typing import Any, cast

from django import forms
from django.conf import settings

from caredesk.accounts import policy
from caredesk.accounts.choices import Role
from caredesk.accounts.models import Team, User
from caredesk.automation.macros.services.config import MacroSpec
from caredesk.automation.models import Macro
from caredesk.automation.placeholders import PLACEHOLDERS
from caredesk.tickets.choices import Priority, TicketStatus

LANGUAGE_NAMES = dict(settings.LANGUAGES)
PRIORITY_CHOICES = [("", "Leave it as it is"), *((p.value, p.label.title()) for p in Priority)]
STATUS_CHOICES = [("", "Leave it as it is"), *TicketStatus.choices]


def scope_choices(user: User) -> list[tuple[str, str]]:
    """The scopes ``user`` may give a macro, in the policy's terms."""
    choices = [("personal", "Only me (personal)")]
    if policy.is_admin(user):
        choices.insert(0, ("global", "Everyone (global)"))
        teams = Team.objects.all()
    elif policy.is_staff(user) and user.role == Role.SUPERVISOR:
        teams = Team.objects.filter(pk__in=user.team_ids)
    else:
        teams = Team.objects.none()
    return choices + [(f"team:{team.pk}", f"Team {team.name}") for team in teams]


def _scope_of(macro: Macro) -> str:
    if macro.owner_id is not None:
        return "personal"
    return f"team:{macro.team_id}" if macro.team_id is not None else "global"


def _tag_list(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


class MacroForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100)
    scope = forms.ChoiceField(label="Who can use it")
    position = forms.IntegerField(
        label="Position", min_value=0, initial=0, help_text="Lower comes first in the picker."
    )
    is_active = forms.BooleanField(label="Active", required=False, initial=True)
    default_language = forms.ChoiceField(
        label="Default language",
        help_text="The reply used when none is written in the customer's language.",
    )
    set_status = forms.ChoiceField(
        label="Set the status to", choices=STATUS_CHOICES, required=False
    )
    set_priority = forms.TypedChoiceField(
        label="Set the priority to",
        choices=PRIORITY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    add_tags = forms.CharField(
        label="Add tags", required=False, max_length=1000, help_text="Separated by commas."
    )
    remove_tags = forms.CharField(
        label="Remove tags", required=False, max_length=1000, help_text="Separated by commas."
    )
    assign_to_me = forms.BooleanField(
        label="Assign the ticket to whoever applies it", required=False
    )
    internal_note = forms.CharField(
        label="Internal note",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Added for the team only; placeholders work here too.",
    )

    def __init__(self, *args: Any, user: User, macro: Macro | None = None, **kwargs: Any) -> None:
        if macro is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_of(macro)
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["scope"]).choices = scope_choices(user)
        existing = [t.language for t in macro.translations.all()] if macro else []
        self.languages = list(dict.fromkeys([*LANGUAGE_NAMES, *existing]))
        cast(forms.ChoiceField, self.fields["default_language"]).choices = [
            (code, LANGUAGE_NAMES.get(code, code)) for code in self.languages
        ]
        for code in self.languages:
            self.fields[f"body_{code}"] = forms.CharField(
                label=f"Reply in {LANGUAGE_NAMES.get(code, code)}",
                required=False,
                max_length=20_000,
                widget=forms.Textarea(attrs={"rows": 5, "lang": code}),
            )

    @staticmethod
    def initial_of(macro: Macro) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "name": macro.name,
            "scope": _scope_of(macro),
            "position": macro.position,
            "is_active": macro.is_active,
            "default_language": macro.default_language,
            "set_status": macro.set_status,
            "set_priority": macro.set_priority,
            "add_tags": ", ".join(macro.add_tags),
            "remove_tags": ", ".join(macro.remove_tags),
            "assign_to_me": macro.assign_to_me,
            "internal_note": macro.internal_note,
        }
        for translation in macro.translations.all():
            initial[f"body_{translation.language}"] = translation.body
        return initial

    @property
    def body_fields(self) -> list[forms.BoundField]:
        return [self[f"body_{code}"] for code in self.languages]

    def _translations(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [(code, data[f"body_{code}"]) for code in self.languages if data[f"body_{code}"]]

    def spec(self) -> MacroSpec:
        data = self.cleaned_data
        scope = data["scope"]
        team = (
            Team.objects.get(pk=int(scope.removeprefix("team:")))
            if scope.startswith("team:")
            else None
        )
        return MacroSpec(
            name=data["name"],
            team=team,
            is_personal=scope == "personal",
            is_active=data["is_active"],
            position=data["position"],
            default_language=data["default_language"],
            translations=self._translations(),
            set_status=data["set_status"],
            set_priority=data["set_priority"],
            add_tags=_tag_list(data["add_tags"]),
            remove_tags=_tag_list(data["remove_tags"]),
            assign_to_me=data["assign_to_me"],
            internal_note=data["internal_note"],
        )

    def service_fields(self) -> dict[str, str]:
        """The services' field names (``translations.1.body``) mapped to this form's."""
        aliases = {"team": "scope", "translations": "body_" + self.languages[0]}
        for index, (code, _) in enumerate(self._translations()):
            aliases[f"translations.{index}.body"] = f"body_{code}"
            aliases[f"translations.{index}.language"] = f"body_{code}"
        return aliases


PLACEHOLDER_HELP = [(f"{{{{{name}}}}}", text) for name, text in PLACEHOLDERS.items()]
