"""The form of an agent's routing profile: languages, skills, channels, capacity, chats, shifts.
It parses only; the services decide what is allowed."""

import re
from datetime import time
from typing import Any

from django import forms

from caredesk.accounts.models import AgentProfile
from caredesk.accounts.services.agent_profiles import ProfileChanges, ShiftIn
from caredesk.channels.chat.services.availability import MAX_CONCURRENT_LIMIT
from caredesk.tickets.choices import Channel

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SHIFT_LINE = re.compile(
    r"^(?P<day>[a-z]{3})\w*\s+(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})$"
)
ROUTED_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.INTERNAL]


def _words(text: str) -> list[str]:
    return [word.strip() for word in text.split(",") if word.strip()]


def _time(text: str) -> time:
    hours, minutes = (int(part) for part in text.split(":"))
    return time(hours, minutes)


class AgentProfileForm(forms.Form):
    languages = forms.CharField(
        label="Languages", required=False, help_text="Codes, comma-separated: en, es, de."
    )
    skills = forms.CharField(
        label="Skills", required=False, help_text="Comma-separated: billing, a product name."
    )
    channels = forms.MultipleChoiceField(
        label="Channels",
        choices=ROUTED_CHANNELS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every channel.",
    )
    tier = forms.IntegerField(label="Tier", min_value=1, max_value=9)
    max_open_load = forms.IntegerField(
        label="Capacity (weighted open tickets)", min_value=0, max_value=100
    )
    max_concurrent_chats = forms.IntegerField(
        label="Chats at once", min_value=1, max_value=MAX_CONCURRENT_LIMIT
    )
    shifts = forms.CharField(
        label="Weekly shifts",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line in the agent's time zone, e.g. “Mon 09:00-17:00”. Empty: no fixed shifts.",
    )

    def __init__(
        self, *args: Any, profile: AgentProfile, initial_chats: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            shifts = profile.user.shifts.all() if profile.user.pk else []
            self.initial = {
                "languages": ", ".join(profile.spoken_languages),
                "skills": ", ".join(profile.skills),
                "channels": list(profile.channels),
                "tier": profile.tier,
                "max_open_load": profile.max_open_load,
                "max_concurrent_chats": initial_chats,
                "shifts": "\n".join(
                    f"{WEEKDAYS[s.weekday].title()} {s.starts_at:%H:%M}-{s.ends_at:%H:%M}"
                    for s in shifts
                ),
            }

    def clean_shifts(self) -> list[ShiftIn]:
        shifts = []
        for line in self.cleaned_data["shifts"].splitlines():
            text = line.strip().lower()
            if not text:
                continue
            match = SHIFT_LINE.match(text)
            if match is None or match["day"] not in WEEKDAYS:
                raise forms.ValidationError(f"“{line.strip()}” is not like “Mon 09:00-17:00”.")
            try:
                starts_at, ends_at = _time(match["start"]), _time(match["end"])
            except ValueError:
                raise forms.ValidationError(
                    f"“{line.strip()}” has a time that does not exist."
                ) from None
            shifts.append(ShiftIn(WEEKDAYS.index(match["day"]), starts_at, ends_at))
        return shifts

    def changes(self) -> ProfileChanges:
        data = self.cleaned_data
        return ProfileChanges(
            languages=_words(data["languages"]),
            skills=_words(data["skills"]),
            channels=list(data["channels"]),
            tier=data["tier"],
            max_open_load=data["max_open_load"],
            shifts=data["shifts"],
        )
