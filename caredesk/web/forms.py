"""Input parsing for every page: types, required fields and limits. Forms never save anything."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.template.defaultfilters import filesizeformat

from caredesk.accounts.choices import STAFF_ROLES
from caredesk.accounts.models import Team, User
from caredesk.tickets.attachments import IncomingFile
from caredesk.tickets.choices import CustomFieldType, Priority, TicketStatus
from caredesk.tickets.models import Category, CustomFieldDefinition, Ticket
from caredesk.tickets.services.update import TicketChanges

MESSAGE_REQUIRED = {"required": "Write a message before sending."}


class LoginForm(AuthenticationForm):
    # django-axes reads the attempted account from the POST field named "username".
    username = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={"required": "Enter your email address."},
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password."},
    )
    error_messages = {
        "invalid_login": "The email or password is not right. Check both and try again.",
        "inactive": "This account is disabled.",
    }


class LoginLinkForm(forms.Form):
    email = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": "Enter the email address of your account."},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files in one input; each is refused here, before it is read, when too large."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Attachments")
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        uploads = data if isinstance(data, list | tuple) else [data]
        files = [super(AttachmentsField, self).clean(item, initial) for item in uploads if item]
        limit = settings.CAREDESK_MAX_ATTACHMENT_BYTES
        for upload in files:
            if upload.size is not None and upload.size > limit:
                raise forms.ValidationError(
                    f"{upload.name} is {filesizeformat(upload.size)}; "
                    f"each attachment may be at most {filesizeformat(limit)}."
                )
        return files


def incoming_files(uploads: list[UploadedFile]) -> list[IncomingFile]:
    return [
        IncomingFile(
            filename=upload.name or "attachment",
            content=upload.read(),
            content_type=upload.content_type or "",
        )
        for upload in uploads
    ]


class QueueFilterForm(forms.Form):
    SORTS = [
        ("updated", "Recently updated"),
        ("created", "Newest first"),
        ("priority", "Highest priority"),
        ("due", "Next due"),
    ]

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "data-shortcut-search": True}),
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *TicketStatus.choices]
    )
    priority = forms.TypedChoiceField(
        label="Priority",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any priority"), *[(p.value, p.label.title()) for p in Priority]],
    )
    team = forms.ModelChoiceField(
        label="Team", required=False, queryset=Team.objects.all(), empty_label="Any team"
    )
    category = forms.ModelChoiceField(
        label="Category",
        required=False,
        queryset=Category.objects.filter(is_active=True),
        to_field_name="slug",
        empty_label="Any category",
    )
    tag = forms.CharField(label="Tag", required=False, max_length=50)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=SORTS)


class ReplyForm(forms.Form):
    macro = forms.TypedChoiceField(
        label="Macro",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "No macro")],
        help_text="Fills in its reply for you to edit; sending also runs its actions.",
    )
    body = forms.CharField(
        label="Message",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    visibility = forms.ChoiceField(
        label="Send as",
        choices=[
            ("public", "Public reply (the customer sees it)"),
            ("internal", "Internal note (only the team sees it)"),
        ],
        initial="public",
        widget=forms.RadioSelect,
    )
    status = forms.ChoiceField(
        label="Set status",
        required=False,
        choices=[("", "Keep as it is"), *TicketStatus.choices],
    )
    attachments = AttachmentsField()

    def __init__(self, *args: Any, macros: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if macros:
            cast(forms.ChoiceField, self.fields["macro"]).choices = [
                ("", "No macro"),
                *((m.pk, m.name) for m in macros),
            ]
        else:
            del self.fields["macro"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # With a macro and no text, the macro's own reply is sent (rendered for the ticket).
        if not (data.get("body") or "").strip() and not data.get("macro"):
            self.add_error("body", MESSAGE_REQUIRED["required"])
        return data


class CustomerReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=MESSAGE_REQUIRED,
    )
    attachments = AttachmentsField()


class NewRequestForm(forms.Form):
    subject = forms.CharField(
        label="Subject",
        max_length=300,
        error_messages={"required": "Give your request a short subject."},
    )
    description = forms.CharField(
        label="Description",
        help_text="What happened, and what would you like us to do?",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Describe what you need help with."},
    )
    attachments = AttachmentsField()


class AgentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _custom_field(definition: CustomFieldDefinition) -> forms.Field:
    label = definition.label
    if definition.field_type == CustomFieldType.NUMBER:
        return forms.FloatField(label=label, required=False)
    if definition.field_type == CustomFieldType.DATE:
        return forms.DateField(
            label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
    if definition.field_type == CustomFieldType.CHOICE:
        options = [(str(choice), str(choice)) for choice in definition.choices]
        return forms.ChoiceField(label=label, required=False, choices=[("", "None"), *options])
    return forms.CharField(label=label, required=False, max_length=2000)


class TicketFieldsForm(forms.Form):
    """The sidebar; ``version`` is the one the page showed, so a stale edit is caught."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    status = forms.ChoiceField(label="Status", choices=TicketStatus.choices)
    priority = forms.TypedChoiceField(
        label="Priority", coerce=int, choices=[(p.value, p.label.title()) for p in Priority]
    )
    assignee = AgentChoiceField(
        label="Assignee", required=False, queryset=User.objects.none(), empty_label="Unassigned"
    )
    team = forms.ModelChoiceField(
        label="Team", required=False, queryset=Team.objects.all(), empty_label="No team"
    )
    category = forms.ModelChoiceField(
        label="Category", required=False, queryset=Category.objects.none(), empty_label="None"
    )
    tags = forms.CharField(
        label="Tags", required=False, max_length=1000, help_text="Separate tags with commas."
    )

    def __init__(self, *args: Any, ticket: Ticket, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Keep a ticket's current (now inactive) agent or category selectable, so saving other
        # fields never fails on a value nobody touched.
        assignee_field = self.fields["assignee"]
        assert isinstance(assignee_field, forms.ModelChoiceField)
        assignee_field.queryset = User.objects.filter(
            Q(role__in=STAFF_ROLES, is_active=True) | Q(pk=ticket.assignee_id)
        )
        category_field = self.fields["category"]
        assert isinstance(category_field, forms.ModelChoiceField)
        category_field.queryset = Category.objects.filter(
            Q(is_active=True) | Q(pk=ticket.category_id)
        )
        self.definitions = list(CustomFieldDefinition.objects.filter(is_active=True))
        for definition in self.definitions:
            self.fields[f"cf_{definition.key}"] = _custom_field(definition)
        if not self.is_bound:
            self.initial = self.initial_for(ticket)

    def initial_for(self, ticket: Ticket) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "version": ticket.version,
            "status": ticket.status,
            "priority": ticket.priority,
            "assignee": ticket.assignee_id,
            "team": ticket.team_id,
            "category": ticket.category_id,
            "tags": ", ".join(tag.name for tag in ticket.tags.all()),
        }
        for definition in self.definitions:
            initial[f"cf_{definition.key}"] = ticket.custom_fields.get(definition.key)
        return initial

    def changes(self) -> TicketChanges:
        data = self.cleaned_data
        custom: dict[str, Any] = {}
        for definition in self.definitions:
            value = data.get(f"cf_{definition.key}")
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            custom[definition.key] = value if value not in ("", None) else None
        return TicketChanges(
            status=data["status"],
            priority=data["priority"],
            assignee=data["assignee"],
            team=data["team"],
            category=data["category"],
            tags=[name for name in data["tags"].split(",") if name.strip()],
            custom_fields=custom,
        )
