"""Admins' screens for service levels: business calendars and SLA policies, listed and edited."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from caredesk.accounts.ui.access import admin_only, current_user
from caredesk.core.errors import DomainError
from caredesk.core.ui.form_errors import add_domain_error
from caredesk.sla.models import BusinessCalendar, SlaPolicy
from caredesk.sla.services.configuration import save_calendar, save_policy, set_closed_dates
from caredesk.web.sla_forms import POLICY_FIELD_ALIASES, WEEKDAYS, CalendarForm, PolicyForm


def _calendar(calendar_id: int | None) -> BusinessCalendar | None:
    if calendar_id is None:
        return None
    calendar = BusinessCalendar.objects.filter(pk=calendar_id).first()
    if calendar is None:
        raise Http404("No such calendar.")
    return calendar


def _policy(policy_id: int | None) -> SlaPolicy | None:
    if policy_id is None:
        return None
    policy = SlaPolicy.objects.filter(pk=policy_id).select_related("calendar").first()
    if policy is None:
        raise Http404("No such policy.")
    return policy


def _add_calendar_error(form: CalendarForm, error: DomainError) -> None:
    """A day's fault ("weekly_hours.2") is shown on the weekly grid, naming the day."""
    field = error.field or ""
    if field.startswith("weekly_hours."):
        day = field.removeprefix("weekly_hours.")
        weekday = WEEKDAYS[int(day)] if day.isdigit() and int(day) < len(WEEKDAYS) else day
        form.add_error("weekly_hours", f"{weekday}: {error.message}")
        return
    add_domain_error(form, error)


@require_GET
@admin_only
def sla_settings(request: HttpRequest) -> HttpResponse:
    context = {
        "policies": SlaPolicy.objects.select_related("calendar"),
        "calendars": BusinessCalendar.objects.prefetch_related("closed_dates"),
    }
    return render(request, "web/settings/sla.html", context)


@require_http_methods(["GET", "POST"])
@admin_only
def calendar_form(request: HttpRequest, calendar_id: int | None = None) -> HttpResponse:
    calendar = _calendar(calendar_id)
    form = CalendarForm(calendar=calendar)
    status = 200
    if request.method == "POST":
        form = CalendarForm(request.POST, calendar=calendar)
        status = 422
        if form.is_valid():
            user = current_user(request)
            try:
                # Both writes or neither: a refused calendar must not keep new closed days.
                with transaction.atomic():
                    saved = save_calendar(calendar, actor=user, values=form.values())
                    set_closed_dates(saved, actor=user, dates=form.cleaned_data["closed_dates"])
            except DomainError as error:
                _add_calendar_error(form, error)
                status = error.status_code
            else:
                messages.success(request, f"Calendar {saved.name} saved.")
                return redirect("web:sla_settings")
    context = {"form": form, "calendar": calendar, "title": calendar.name if calendar else ""}
    return render(request, "web/settings/calendar_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@admin_only
def policy_form(request: HttpRequest, policy_id: int | None = None) -> HttpResponse:
    policy = _policy(policy_id)
    # save_policy sets the values on the instance before it checks them; keep the stored name.
    title = policy.name if policy else ""
    form = PolicyForm(policy=policy)
    status = 200
    if request.method == "POST":
        form = PolicyForm(request.POST, policy=policy)
        status = 422
        if form.is_valid():
            try:
                saved = save_policy(policy, actor=current_user(request), values=form.values())
            except DomainError as error:
                add_domain_error(form, error, aliases=POLICY_FIELD_ALIASES)
                status = error.status_code
            else:
                messages.success(request, f"Policy {saved.name} saved.")
                return redirect("web:sla_settings")
    context = {"form": form, "policy": policy, "title": title}
    return render(request, "web/settings/policy_form.html", context, status=status)
