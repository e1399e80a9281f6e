"""Admins' screens for service levels: business calendars, SLA policies and escalation rules,
listed and edited through one generic view each (``caredesk.core.ui.generic``)."""

from typing import Any

from django.db import transaction

from caredesk.accounts.models import User
from caredesk.core.errors import DomainError
from caredesk.core.ui.form_errors import add_domain_error
from caredesk.core.ui.generic import EditScreen, edit_view, list_view
from caredesk.sla.models import BusinessCalendar, EscalationRule, SlaPolicy
from caredesk.sla.services.configuration import save_calendar, save_policy, set_closed_dates
from caredesk.sla.services.escalation_rules import save_escalation_rule
from caredesk.sla.ui.escalation_forms import EscalationRuleForm, rule_actions, rule_condition
from caredesk.sla.ui.forms import POLICY_FIELD_ALIASES, WEEKDAYS, CalendarForm, PolicyForm


def _add_calendar_error(form: CalendarForm, error: DomainError) -> None:
    """A day's fault ("weekly_hours.2") is shown on the weekly grid, naming the day."""
    field = error.field or ""
    if field.startswith("weekly_hours."):
        day = field.removeprefix("weekly_hours.")
        weekday = WEEKDAYS[int(day)] if day.isdigit() and int(day) < len(WEEKDAYS) else day
        form.add_error("weekly_hours", f"{weekday}: {error.message}")
        return
    add_domain_error(form, error)


def _save_calendar(
    calendar: BusinessCalendar | None, form: CalendarForm, user: User
) -> BusinessCalendar:
    # Both writes or neither: a refused calendar must not keep new closed days.
    with transaction.atomic():
        saved = save_calendar(calendar, actor=user, values=form.values())
        set_closed_dates(saved, actor=user, dates=form.cleaned_data["closed_dates"])
    return saved


def _sla_rows() -> dict[str, Any]:
    return {
        "policies": SlaPolicy.objects.select_related("calendar"),
        "calendars": BusinessCalendar.objects.prefetch_related("closed_dates"),
    }


def _escalation_rows() -> dict[str, Any]:
    rules = EscalationRule.objects.select_related("policy", "reassign_to_team")
    return {
        "rows": [
            {"rule": rule, "condition": rule_condition(rule), "actions": rule_actions(rule)}
            for rule in rules
        ]
    }


sla_settings = list_view("sla/sla.html", _sla_rows)
escalation_rules = list_view("sla/escalations.html", _escalation_rows)

calendar_form = edit_view(
    EditScreen[BusinessCalendar](
        noun="Calendar",
        name="calendar",
        template="sla/calendar_form.html",
        done="web:sla_settings",
        find=lambda pk: BusinessCalendar.objects.filter(pk=pk).first(),
        form=lambda data, calendar: CalendarForm(data, calendar=calendar),
        save=_save_calendar,
        show_error=_add_calendar_error,
    )
)
policy_form = edit_view(
    EditScreen[SlaPolicy](
        noun="Policy",
        name="policy",
        template="sla/policy_form.html",
        done="web:sla_settings",
        find=lambda pk: SlaPolicy.objects.filter(pk=pk).select_related("calendar").first(),
        form=lambda data, policy: PolicyForm(data, policy=policy),
        save=lambda policy, form, user: save_policy(policy, actor=user, values=form.values()),
        show_error=lambda form, error: add_domain_error(form, error, POLICY_FIELD_ALIASES),
    )
)
escalation_rule_form = edit_view(
    EditScreen[EscalationRule](
        noun="Escalation rule",
        name="rule",
        template="sla/escalation_form.html",
        done="web:escalation_rules",
        find=lambda pk: EscalationRule.objects.filter(pk=pk).first(),
        form=lambda data, rule: EscalationRuleForm(data, rule=rule),
        save=lambda rule, form, user: save_escalation_rule(rule, actor=user, values=form.values()),
    )
)
