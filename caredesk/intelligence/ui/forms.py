"""The admins' "Try triage on your history" form: an export, its columns and the split.

The trial trains while the request waits, so the upload is capped: at 5,000 rows a fit takes a few
seconds on one core, which a page can wait for; a bigger export belongs to
``caredesk intelligence evaluate`` on the server, which has no such cap and prints the same figures.
"""

from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from caredesk.intelligence.history_csv import Export, UnreadableExport, parse_export

MAX_TRIAL_BYTES = 5 * 1024 * 1024
MAX_TRIAL_ROWS = 5_000
COLUMN_FIELDS = ("text_columns", "label_column")


class TriageExportForm(forms.Form):
    """The file alone: enough to show its columns."""

    export = forms.FileField(
        label="Ticket history (CSV)",
        help_text=(
            f"Any encoding or separator; at most {filesizeformat(MAX_TRIAL_BYTES)} and "
            f"{MAX_TRIAL_ROWS:,} rows."
        ),
        error_messages={
            "required": "Choose the CSV file of your ticket history.",
            "empty": "The file is empty.",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.loaded: Export | None = None

    def clean_export(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["export"]
        if upload.size is not None and upload.size > MAX_TRIAL_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is {filesizeformat(upload.size)}; this page reads at most "
                f"{filesizeformat(MAX_TRIAL_BYTES)}. Run caredesk intelligence evaluate on the "
                "server for a bigger export."
            )
        try:
            export = parse_export(upload.read())
        except UnreadableExport as error:
            raise forms.ValidationError(str(error)) from error
        if len(export.rows) > MAX_TRIAL_ROWS:
            raise forms.ValidationError(
                f"The file has {len(export.rows):,} rows; this page trains on at most "
                f"{MAX_TRIAL_ROWS:,}. Run caredesk intelligence evaluate on the server for a "
                "bigger export."
            )
        if not export.rows:
            raise forms.ValidationError("The file has a header row but no tickets under it.")
        self.loaded = export
        self.column_choices_from(export)
        return upload

    def column_choices_from(self, export: Export) -> None:
        """Hook for forms that offer the file's columns."""


class TriageTrialForm(TriageExportForm):
    """The file, the columns to read and the split: the arguments of ``intelligence evaluate``."""

    text_columns = forms.MultipleChoiceField(
        label="Text columns",
        widget=forms.CheckboxSelectMultiple,
        help_text="What the model reads, e.g. subject and first message.",
        error_messages={"required": "Choose at least one column with the ticket's text."},
    )
    label_column = forms.ChoiceField(
        label="Label column",
        help_text="What the model learns to predict, e.g. category, team or priority.",
        error_messages={"required": "Choose the column holding the label to predict."},
    )
    test_percent = forms.IntegerField(
        label="Held out for testing (%)",
        min_value=5,
        max_value=50,
        initial=20,
        help_text="These rows are kept out of training and scored; 20 is usual.",
    )
    seed = forms.IntegerField(
        label="Seed",
        min_value=0,
        max_value=2**31 - 1,
        initial=0,
        help_text="The same seed draws the same split, so figures can be compared.",
    )

    def column_choices_from(self, export: Export) -> None:
        columns = [(name, name or "(unnamed)") for name in export.columns]
        cast(forms.ChoiceField, self.fields["text_columns"]).choices = columns
        cast(forms.ChoiceField, self.fields["label_column"]).choices = [
            ("", "Choose a column"),
            *columns,
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "export" in self.errors:
            # Without a readable file there are no columns to choose from: one error, not three.
            for name in COLUMN_FIELDS:
                self.errors.pop(name, None)
            return cleaned
        label = cleaned.get("label_column")
        if label and label in cleaned.get("text_columns", []):
            self.add_error(
                "label_column",
                "The label column cannot also be a text column: it would give away the answer.",
            )
        return cleaned

    @property
    def test_size(self) -> float:
        return int(self.cleaned_data["test_percent"]) / 100
