"""Forms of a person's own account: API tokens and, for staff, the profile. They never save."""

from typing import Any

from django import forms
from django.conf import settings

from caredesk.accounts.models import User
from caredesk.accounts.services.users import time_zone_names

# Offered first in the time zone list; any other IANA name can be typed.
COMMON_TIME_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Paris",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
)


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=100,
        help_text="What uses it, so you can tell tokens apart, such as “CI export”.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class TimeZoneInput(forms.TextInput):
    """A text input suggesting zone names from a datalist; the service decides what is valid."""

    template_name = "accounts/widgets/time_zone.html"

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        common = [zone for zone in COMMON_TIME_ZONES if zone in time_zone_names()]
        context["widget"]["common_zones"] = common
        context["widget"]["other_zones"] = [z for z in time_zone_names() if z not in common]
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs']['id']}_zones"
        return context


class ProfileForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, help_text="Customers see it on replies.")
    language = forms.ChoiceField(label="Language", choices=settings.LANGUAGES)
    timezone = forms.CharField(
        label="Time zone",
        max_length=64,
        widget=TimeZoneInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text="Due times are shown in it. Type to search, such as Europe/Berlin.",
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial = {"name": user.name, "language": user.language, "timezone": user.timezone}

    def clean_timezone(self) -> str:
        return str(self.cleaned_data["timezone"]).strip()
