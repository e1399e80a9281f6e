"""Admins' forms for business calendars and SLA policies: they parse what was typed into the shapes
the configuration services take, and never save. The services check the rest (time zones, overlaps,
holiday lists, unique names) and name the field at fault."""

import re
from datetime import date
from typing import Any

from django import forms

from caredesk.customers.models import Organisation
from caredesk.sla.choices import SlaTarget
from caredesk.sla.models import BusinessCalendar, SlaPolicy
from caredesk.tickets.choices import UNRESOLVED_STATUSES, Channel, Priority, TicketStatus
from caredesk.tickets.models import Category

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
INTERVAL = re.compile(r"^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$")
TARGETS = [(target.value, target.label) for target in SlaTarget]


def _wall_time(text: str) -> str:
    """ "9:00" becomes "09:00"; whether it is a real time is the service's question."""
    hours, minutes = text.split(":")
    return f"{int(hours):02d}:{minutes}"


def hours_text(intervals: list[list[str]]) -> str:
    return ", ".join(f"{opens}-{closes}" for opens, closes in intervals)


def parse_day(text: str, weekday: str) -> list[list[str]]:
    """ "09:00-12:00, 13:00-17:00" as [["09:00", "12:00"], ["13:00", "17:00"]]; empty: closed."""
    intervals = []
    for part in (piece for piece in text.split(",") if piece.strip()):
        match = INTERVAL.match(part)
        if match is None:
            raise forms.ValidationError(
                f"{weekday}: write the hours like 09:00-12:00, 13:00-17:00 "
                f"(leave it empty when closed); {part.strip()!r} is not."
            )
        intervals.append([_wall_time(match[1]), _wall_time(match[2])])
    return intervals


class WeeklyHoursWidget(forms.MultiWidget):
    template_name = "sla/widgets/weekly_hours.html"

    def __init__(self) -> None:
        super().__init__([forms.TextInput(attrs={"autocomplete": "off"}) for _ in WEEKDAYS])

    def decompress(self, value: Any) -> list[str]:
        value = value if isinstance(value, dict) else {}
        return [hours_text(value.get(str(day), [])) for day in range(len(WEEKDAYS))]

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for weekday, subwidget in zip(WEEKDAYS, context["widget"]["subwidgets"], strict=True):
            subwidget["weekday"] = weekday
        return context


class WeeklyHoursField(forms.MultiValueField):
    """Seven text inputs, Monday to Sunday, as the {"0": [["09:00", "17:00"]], ...} of a calendar."""

    widget = WeeklyHoursWidget

    def __init__(self, **kwargs: Any) -> None:
        fields = [forms.CharField(required=False, max_length=200) for _ in WEEKDAYS]
        super().__init__(fields=fields, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list: list[str]) -> dict[str, list[list[str]]]:
        weekly = {}
        for day, (weekday, text) in enumerate(zip(WEEKDAYS, data_list or [], strict=False)):
            intervals = parse_day(text or "", weekday)
            if intervals:
                weekly[str(day)] = intervals
        return weekly


def parse_closed_dates(text: str) -> dict[date, str]:
    closed: dict[date, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        day_text, _, name = line.strip().partition(" ")
        try:
            day = date.fromisoformat(day_text)
        except ValueError as error:
            raise forms.ValidationError(
                f"Line {number}: {day_text!r} is not a date like 2026-12-24."
            ) from error
        closed[day] = name.strip()
    return closed


class CalendarForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100)
    timezone = forms.CharField(
        label="Time zone", max_length=64, initial="UTC", help_text="A name such as Europe/Berlin."
    )
    always_open = forms.BooleanField(
        label="Always open (24/7); weekly hours and holidays are ignored", required=False
    )
    weekly_hours = WeeklyHoursField(
        label="Weekly hours",
        help_text="Per day, for example 09:00-12:00, 13:00-17:00. Leave a day empty when closed.",
    )
    holiday_country = forms.CharField(
        label="Public holidays of country",
        max_length=2,
        required=False,
        help_text="Two letters, such as DE; empty for none.",
    )
    holiday_subdivision = forms.CharField(
        label="Region", max_length=10, required=False, help_text="Such as BY for Bavaria."
    )
    closed_dates = forms.CharField(
        label="Other closed days",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One a line: the date, then a name, such as 2026-12-31 New Year's Eve.",
    )
    is_default = forms.BooleanField(label="Default calendar", required=False)

    def __init__(self, *args: Any, calendar: BusinessCalendar | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if calendar is not None and not self.is_bound:
            self.initial = {
                "name": calendar.name,
                "timezone": calendar.timezone,
                "always_open": calendar.always_open,
                "weekly_hours": calendar.weekly_hours,
                "holiday_country": calendar.holiday_country,
                "holiday_subdivision": calendar.holiday_subdivision,
                "closed_dates": "\n".join(
                    f"{closed.date.isoformat()} {closed.name}".strip()
                    for closed in calendar.closed_dates.all()
                ),
                "is_default": calendar.is_default,
            }

    def clean_holiday_country(self) -> str:
        return str(self.cleaned_data["holiday_country"]).strip().upper()

    def clean_holiday_subdivision(self) -> str:
        return str(self.cleaned_data["holiday_subdivision"]).strip().upper()

    def clean_closed_dates(self) -> dict[date, str]:
        return parse_closed_dates(self.cleaned_data["closed_dates"])

    def values(self) -> dict[str, Any]:
        """The fields ``save_calendar`` takes (closed days go to ``set_closed_dates``)."""
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "name",
                "timezone",
                "weekly_hours",
                "holiday_country",
                "holiday_subdivision",
                "always_open",
                "is_default",
            )
        }


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


UNITS = [("minutes", "minutes"), ("hours", "hours")]


class PolicyForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100)
    position = forms.IntegerField(
        label="Position",
        min_value=0,
        required=False,
        help_text="Lower numbers are tried first.",
    )
    is_active = forms.BooleanField(label="Active", required=False, initial=True)
    calendar = forms.ModelChoiceField(
        label="Business calendar",
        queryset=BusinessCalendar.objects.all(),
        required=False,
        empty_label="None: every target counts calendar time",
    )
    priority = forms.MultipleChoiceField(
        label="Priority is any of",
        required=False,
        choices=[(p.label, p.label.title()) for p in Priority],
        widget=forms.CheckboxSelectMultiple,
    )
    channel = forms.MultipleChoiceField(
        label="Channel is any of",
        required=False,
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    category = forms.ModelMultipleChoiceField(
        label="Category is any of",
        required=False,
        queryset=Category.objects.all(),
        to_field_name="slug",
    )
    organisations = OrganisationChoiceField(
        label="Customer's organisation is any of",
        required=False,
        queryset=Organisation.objects.all(),
    )
    vip = forms.ChoiceField(
        label="VIP customers",
        required=False,
        choices=[("", "VIP or not"), ("yes", "Only VIP customers"), ("no", "Only other customers")],
    )
    pause_statuses = forms.MultipleChoiceField(
        label="Clocks pause while the status is",
        required=False,
        choices=[(status.value, TicketStatus(status).label) for status in UNRESOLVED_STATUSES],
        widget=forms.CheckboxSelectMultiple,
    )
    warn_at_percent = forms.IntegerField(label="Warn at (percent of the target used)", initial=75)

    def __init__(self, *args: Any, policy: SlaPolicy | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for target, label in TARGETS:
            self.fields[f"{target}_amount"] = forms.IntegerField(
                label=f"{label} target", required=False, help_text="Empty: not measured."
            )
            self.fields[f"{target}_unit"] = forms.ChoiceField(
                label=f"{label} unit", choices=UNITS, initial="hours"
            )
            self.fields[f"{target}_business_hours"] = forms.BooleanField(
                label=f"{label}: count business hours only", required=False, initial=True
            )
        if not self.is_bound:
            self.initial = self.initial_for(policy) if policy else self._new_initial()

    def _new_initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "is_active": True,
            "warn_at_percent": 75,
            "pause_statuses": [TicketStatus.PENDING, TicketStatus.ON_HOLD],
            "position": SlaPolicy.objects.count(),
        }
        for target, _ in TARGETS:
            initial[f"{target}_unit"] = "hours"
            initial[f"{target}_business_hours"] = True
        return initial

    def initial_for(self, policy: SlaPolicy) -> dict[str, Any]:
        conditions = policy.conditions or {}
        vip = conditions.get("vip")
        initial: dict[str, Any] = {
            "name": policy.name,
            "position": policy.position,
            "is_active": policy.is_active,
            "calendar": policy.calendar_id,
            "priority": conditions.get("priority", []),
            "channel": conditions.get("channel", []),
            "category": conditions.get("category", []),
            "organisations": conditions.get("organisation_ids", []),
            "vip": "" if vip is None else ("yes" if vip else "no"),
            "pause_statuses": policy.pause_statuses,
            "warn_at_percent": policy.warn_at_percent,
        }
        for target, _ in TARGETS:
            minutes = getattr(policy, f"{target}_minutes")
            in_hours = minutes is not None and minutes % 60 == 0
            initial[f"{target}_amount"] = minutes // 60 if in_hours else minutes
            initial[f"{target}_unit"] = "hours" if in_hours or minutes is None else "minutes"
            initial[f"{target}_business_hours"] = getattr(policy, f"{target}_business_hours")
        return initial

    def target_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (
                label,
                self[f"{target}_amount"],
                self[f"{target}_unit"],
                self[f"{target}_business_hours"],
            )
            for target, label in TARGETS
        ]

    def conditions(self) -> dict[str, Any]:
        data = self.cleaned_data
        conditions: dict[str, Any] = {}
        if data["priority"]:
            conditions["priority"] = list(data["priority"])
        if data["channel"]:
            conditions["channel"] = list(data["channel"])
        if data["category"]:
            conditions["category"] = [category.slug for category in data["category"]]
        if data["organisations"]:
            conditions["organisation_ids"] = [org.pk for org in data["organisations"]]
        if data["vip"]:
            conditions["vip"] = data["vip"] == "yes"
        return conditions

    def values(self) -> dict[str, Any]:
        """The fields ``save_policy`` takes, targets in minutes."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            "name": data["name"],
            "is_active": data["is_active"],
            "calendar": data["calendar"],
            "conditions": self.conditions(),
            "pause_statuses": list(data["pause_statuses"]),
            "warn_at_percent": data["warn_at_percent"],
        }
        if data["position"] is not None:
            values["position"] = data["position"]
        for target, _ in TARGETS:
            amount = data[f"{target}_amount"]
            factor = 60 if data[f"{target}_unit"] == "hours" else 1
            values[f"{target}_minutes"] = None if amount is None else amount * factor
            values[f"{target}_business_hours"] = data[f"{target}_business_hours"]
        return values


# Where the configuration services' field names land on these forms.
POLICY_FIELD_ALIASES = {
    **{f"{target}_minutes": f"{target}_amount" for target, _ in TARGETS},
    "conditions.priority": "priority",
    "conditions.channel": "channel",
    "conditions.category": "category",
    "conditions.organisation_ids": "organisations",
    "conditions.vip": "vip",
}
