"""Macros in the agent's reply box: fill it with a macro's reply, send it with its actions."""

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

from caredesk.accounts.models import User
from caredesk.automation.macros import selectors as macro_selectors
from caredesk.automation.macros.services.apply import MacroPreview, apply_macro, preview_macro
from caredesk.automation.models import Macro
from caredesk.core.errors import DomainError, ValidationFailed
from caredesk.core.ui.form_errors import add_domain_error
from caredesk.tickets.models import Ticket
from caredesk.web.forms import ReplyForm


@dataclass
class FilledReply:
    form: ReplyForm
    status: int = 200
    macro: Macro | None = None
    preview: MacroPreview | None = None


def macros_for(user: User, ticket: Ticket) -> list[Macro]:
    return list(macro_selectors.macros_for_ticket(user, ticket))


def filled_reply(ticket: Ticket, *, user: User, posted: QueryDict) -> FilledReply:
    """The reply form holding the chosen macro's reply, rendered for ``ticket``; writes nothing.
    Choosing "No macro" keeps what was typed."""
    macros = macros_for(user, ticket)
    chosen = posted.get("macro", "")
    initial: dict[str, Any] = {"body": posted.get("body", ""), "visibility": "public"}
    if not chosen:
        return FilledReply(form=ReplyForm(initial=initial, macros=macros))
    try:
        macro = macro_selectors.get_macro_for(user, int(chosen) if chosen.isdigit() else 0)
        shown = preview_macro(ticket, macro, actor=user)
    except DomainError as error:
        form = ReplyForm(data={**initial, "macro": ""}, macros=macros)
        form.is_valid()
        add_domain_error(form, error)
        return FilledReply(form=form, status=error.status_code)
    form = ReplyForm(initial={**initial, "body": shown.body, "macro": macro.pk}, macros=macros)
    return FilledReply(form=form, macro=macro, preview=shown)


def send_with_macro(ticket: Ticket, *, user: User, form: ReplyForm) -> None:
    """Apply the chosen macro with the agent's edit of its reply. A macro's reply is public and
    sets the status itself, so an internal note, another status or files are refused."""
    data = form.cleaned_data
    macro = macro_selectors.get_macro_for(user, data["macro"])
    if data["visibility"] != "public":
        raise ValidationFailed(
            "A macro sends a public reply; choose no macro to add an internal note.",
            field="public",
        )
    if data["status"] and data["status"] != macro.set_status:
        raise ValidationFailed(
            "The macro sets the status; keep this as it is, or choose no macro.", field="status"
        )
    if data["attachments"]:
        raise ValidationFailed(
            "Files cannot go with a macro yet; send them in a second reply.", field="attachments"
        )
    apply_macro(ticket, macro, actor=user, body_override=data["body"] or None)
