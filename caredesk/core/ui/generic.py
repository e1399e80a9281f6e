"""One view for every settings screen of the same shape: a list, and a form that creates a record
or edits one through its app's service (Wagtail's generic views are the model).

An app describes the screen (which record, which form, which service saves it, which template)
and wraps the view in its access check; the view does the rest: 404 for an unknown id, 422 with
the errors on their fields, the service's ``DomainError`` on the field it names, and back to the
list with "<Noun> <name> saved." once it is.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from caredesk.core.errors import DomainError
from caredesk.core.ui.form_errors import add_domain_error

Record = TypeVar("Record")
View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class EditScreen(Generic[Record]):
    noun: str  # "Calendar": "No such calendar." and "Calendar Berlin saved."
    name: str  # the record's name in the template's context: "calendar"
    template: str
    done: str  # the URL name of the list a saved record goes back to
    find: Callable[[int], Record | None]
    form: Callable[[QueryDict | None, Record | None], forms.Form]
    # Saves through the app's service (one transaction) and may raise DomainError.
    save: Callable[[Record | None, Any, Any], Record]  # (record, form, user) -> the saved record
    show_error: Callable[[Any, DomainError], None] = add_domain_error


def edit_view(screen: EditScreen[Record]) -> View:
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, record_id: int | None = None) -> HttpResponse:
        record = None
        if record_id is not None:
            record = screen.find(record_id)
            if record is None:
                raise Http404(f"No such {screen.noun.lower()}.")
        # Services set the values on the instance before they check them; keep the stored name.
        title = str(getattr(record, "name", "")) if record is not None else ""
        form = screen.form(None, record)
        status = 200
        if request.method == "POST":
            form, status = screen.form(request.POST, record), 422
            if form.is_valid():
                try:
                    saved = screen.save(record, form, request.user)
                except DomainError as error:
                    screen.show_error(form, error)
                    status = error.status_code
                else:
                    messages.success(request, f"{screen.noun} {getattr(saved, 'name', '')} saved.")
                    return redirect(screen.done)
        context = {"form": form, screen.name: record, "title": title}
        return render(request, screen.template, context, status=status)

    return view


def list_view(template: str, rows: Callable[[], Mapping[str, Any]]) -> View:
    """A settings list: ``rows`` gives the template its records, read at each request."""

    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, template, dict(rows()))

    return view
