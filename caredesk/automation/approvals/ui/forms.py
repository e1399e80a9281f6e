"""The ticket page's approval forms: propose an amount, decide a request. They parse only."""

from django import forms

from caredesk.automation.choices import ActionKind


class ProposalForm(forms.Form):
    """A refund, credit or goodwill gesture; the service decides whether it needs approval."""

    action = forms.ChoiceField(label="Action", choices=ActionKind.choices)
    amount = forms.DecimalField(
        label="Amount",
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"required": "Enter the amount."},
    )
    currency = forms.CharField(
        label="Currency",
        max_length=3,
        initial="EUR",
        help_text="Such as EUR.",
        error_messages={"required": "Enter the currency."},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why, for whoever approves it."},
    )

    def clean_currency(self) -> str:
        return str(self.cleaned_data["currency"]).strip().upper()


class DecisionForm(forms.Form):
    """Approve or deny one request; the pressed button says which. A denial needs a note."""

    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("deny", "Deny")], widget=forms.HiddenInput
    )
    note = forms.CharField(
        label="Note to the agent",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when you deny.",
    )
