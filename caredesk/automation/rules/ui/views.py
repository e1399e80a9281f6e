"""Admins' screens for automation rules, and the ticket page's "which rules would fire" panel."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from caredesk.accounts.ui.access import current_user, rules_admin_only
from caredesk.automation.models import Rule
from caredesk.automation.rules import selectors
from caredesk.automation.rules.actions import ACTIONS
from caredesk.automation.rules.conditions import FIELDS, OPERATORS
from caredesk.automation.rules.dry_run import dry_run
from caredesk.automation.rules.services.config import (
    create_rule,
    delete_rule,
    reorder_rules,
    set_rule_enabled,
    update_rule,
)
from caredesk.automation.rules.ui.forms import DryRunForm, RuleForm
from caredesk.core.errors import DomainError, NotFound
from caredesk.tickets.ui.access import visible_ticket


def _rule(request: HttpRequest, rule_id: int | None) -> Rule | None:
    if rule_id is None:
        return None
    return _existing_rule(request, rule_id)


def _existing_rule(request: HttpRequest, rule_id: int) -> Rule:
    try:
        return selectors.get_rule_for(current_user(request), rule_id)
    except NotFound as error:
        raise Http404(error.message) from error


@require_GET
@rules_admin_only
def rule_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    rules = list(selectors.rules_for(user))
    dry_run_form = DryRunForm(request.GET or None)
    verdicts, ticket, status = None, None, 200
    if dry_run_form.is_valid():
        try:
            ticket = visible_ticket(user, dry_run_form.cleaned_data["ticket"])
        except Http404:
            dry_run_form.add_error("ticket", "No such ticket.")
            status = 404
        else:
            verdicts = dry_run(ticket, rules)
    context = {
        "rules": rules,
        "dry_run_form": dry_run_form,
        "verdicts": verdicts,
        "dry_run_ticket": ticket,
    }
    return render(request, "automation/rules/rules.html", context, status=status)


@require_http_methods(["GET", "POST"])
@rules_admin_only
def rule_form(request: HttpRequest, rule_id: int | None = None) -> HttpResponse:
    rule = _rule(request, rule_id)
    form = RuleForm(rule=rule)
    status = 200
    if request.method == "POST":
        form = RuleForm(request.POST, rule=rule)
        status = 422
        if form.is_valid():
            user = current_user(request)
            try:
                if rule is None:
                    saved = create_rule(actor=user, changes=form.changes())
                else:
                    saved = update_rule(rule, actor=user, changes=form.changes())
            except DomainError as error:
                form.add_service_error(error)
                status = error.status_code
            else:
                messages.success(request, f"Rule {saved.name} saved.")
                return redirect("web:rules")
    context = {
        "form": form,
        "rule": rule,
        "fields": FIELDS,
        "operators": OPERATORS,
        "actions": ACTIONS,
    }
    return render(request, "automation/rules/rule_form.html", context, status=status)


@require_POST
@rules_admin_only
def rule_move(request: HttpRequest, rule_id: int, direction: str) -> HttpResponse:
    user = current_user(request)
    rule = _existing_rule(request, rule_id)
    ids = list(selectors.rules_for(user).values_list("id", flat=True))
    index = ids.index(rule.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
        reorder_rules(ids, actor=user)
    return redirect("web:rules")


@require_POST
@rules_admin_only
def rule_toggle(request: HttpRequest, rule_id: int) -> HttpResponse:
    user = current_user(request)
    rule = _existing_rule(request, rule_id)
    saved = set_rule_enabled(rule, actor=user, enabled=not rule.is_enabled)
    messages.success(request, f"Rule {saved.name} {'enabled' if saved.is_enabled else 'disabled'}.")
    return redirect("web:rules")


@require_POST
@rules_admin_only
def rule_delete(request: HttpRequest, rule_id: int) -> HttpResponse:
    user = current_user(request)
    rule = _existing_rule(request, rule_id)
    delete_rule(rule, actor=user)
    messages.success(request, f"Rule {rule.name} deleted.")
    return redirect("web:rules")


@require_GET
@rules_admin_only
def ticket_rules(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """The ticket page's panel: each rule, whether it would fire now, and each condition's value."""
    user = current_user(request)
    ticket = visible_ticket(user, ticket_id)
    verdicts = dry_run(ticket, selectors.rules_for(user))
    return render(request, "automation/rules/_rules_verdicts.html", {"verdicts": verdicts})
