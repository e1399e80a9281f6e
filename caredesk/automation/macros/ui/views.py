"""Managing macros: the list with usage counts, and the editor with a reply per language.

Every staff member may open them: agents keep personal macros, supervisors their teams', admins
all. What each may change is the policy's answer, shown as links and enforced by the services."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from caredesk.accounts import policy
from caredesk.accounts.models import User
from caredesk.accounts.ui.access import current_user, staff_only
from caredesk.automation.macros import selectors
from caredesk.automation.macros.services.apply import action_summary
from caredesk.automation.macros.services.config import create_macro, delete_macro, update_macro
from caredesk.automation.macros.ui.forms import PLACEHOLDER_HELP, MacroForm
from caredesk.automation.models import Macro
from caredesk.core.errors import DomainError, NotFound
from caredesk.core.ui.form_errors import add_domain_error
from caredesk.core.ui.htmx import HtmxHttpRequest


def _macro(user: User, macro_id: int) -> Macro:
    try:
        macro = selectors.get_macro_for(user, macro_id)
    except NotFound as error:
        raise Http404(error.message) from error
    if not policy.can_manage_macro(user, macro):
        raise Http404("No such macro you may edit.")
    return macro


@require_GET
@staff_only
def macro_list(request: HtmxHttpRequest) -> HttpResponse:
    user = current_user(request)
    rows = [
        {
            "macro": macro,
            "languages": [t.language for t in macro.translations.all()],
            "actions": action_summary(macro),
            "may_edit": policy.can_manage_macro(user, macro),
        }
        for macro in selectors.macros_visible_to(user)
    ]
    return render(request, "automation/macros/macros.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@staff_only
def macro_form(request: HtmxHttpRequest, macro_id: int | None = None) -> HttpResponse:
    user = current_user(request)
    macro = _macro(user, macro_id) if macro_id is not None else None
    form = MacroForm(user=user, macro=macro)
    status = 200
    if request.method == "POST":
        form = MacroForm(request.POST, user=user, macro=macro)
        status = 422
        if form.is_valid():
            try:
                if macro is None:
                    saved = create_macro(form.spec(), actor=user)
                else:
                    saved = update_macro(macro, form.spec(), actor=user)
            except DomainError as error:
                add_domain_error(form, error, aliases=form.service_fields())
                status = error.status_code
            else:
                messages.success(request, f"Macro {saved.name} saved.")
                return redirect("web:macros")
    context = {"form": form, "macro": macro, "placeholders": PLACEHOLDER_HELP}
    return render(request, "automation/macros/macro_form.html", context, status=status)


@require_POST
@staff_only
def macro_delete(request: HtmxHttpRequest, macro_id: int) -> HttpResponse:
    user = current_user(request)
    macro = _macro(user, macro_id)
    delete_macro(macro, actor=user)
    messages.success(request, f"Macro {macro.name} deleted.")
    return redirect("web:macros")
