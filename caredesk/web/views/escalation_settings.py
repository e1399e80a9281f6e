"""Admins' screens for escalation rules: what happens when a target nears or passes its due time."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from caredesk.accounts.ui.access import admin_only, current_user
from caredesk.core.errors import DomainError
from caredesk.core.ui.form_errors import add_domain_error
from caredesk.sla.models import EscalationRule
from caredesk.sla.services.escalation_rules import save_escalation_rule
from caredesk.web.escalation_forms import EscalationRuleForm, rule_actions, rule_condition


def _rule(rule_id: int | None) -> EscalationRule | None:
    if rule_id is None:
        return None
    rule = EscalationRule.objects.filter(pk=rule_id).first()
    if rule is None:
        raise Http404("No such escalation rule.")
    return rule


@require_GET
@admin_only
def escalation_rules(request: HttpRequest) -> HttpResponse:
    rules = EscalationRule.objects.select_related("policy", "reassign_to_team")
    rows = [
        {"rule": rule, "condition": rule_condition(rule), "actions": rule_actions(rule)}
        for rule in rules
    ]
    return render(request, "web/settings/escalations.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@admin_only
def escalation_rule_form(request: HttpRequest, rule_id: int | None = None) -> HttpResponse:
    rule = _rule(rule_id)
    # save_escalation_rule sets the values on the instance before it checks them; keep the name.
    title = rule.name if rule else ""
    form = EscalationRuleForm(rule=rule)
    status = 200
    if request.method == "POST":
        form = EscalationRuleForm(request.POST, rule=rule)
        status = 422
        if form.is_valid():
            try:
                saved = save_escalation_rule(
                    rule, actor=current_user(request), values=form.values()
                )
            except DomainError as error:
                add_domain_error(form, error)
                status = error.status_code
            else:
                messages.success(request, f"Escalation rule {saved.name} saved.")
                return redirect("web:escalation_rules")
    context = {"form": form, "rule": rule, "title": title}
    return render(request, "web/settings/escalation_form.html", context, status=status)
